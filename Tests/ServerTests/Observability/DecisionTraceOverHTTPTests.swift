import GatewayCore
import GatewayTesting
import Testing

/// `x-tollgate-debug: true` from an admin: the response says which plugins ran at each hook point, what each decided
/// and why, how long each took, and the upstream attempts. Anyone else gets nothing extra.
struct DecisionTraceOverHTTPTests {
    static let debug = ["x-tollgate-debug": "true"]

    /// SQLite, master-key auth, virtual keys, budgets and the guardrails plugin (`no-sesame` blocks "open sesame").
    static func withGateway(budgets: String = "{}", _ body: (TestEndpoint) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let manifest = """
            {"plugins": [{"name": "sqlite-store", "config": {"path": "\(directory.path)/tollgate.db"}}, {"name": "master-key-auth"},
              {"name": "virtual-keys"}, {"name": "budgets", "config": \(budgets)},
              {"name": "guardrails", "config": {"guardrails": [
                {"name": "no-sesame", "kind": "keywords", "keywords": ["open sesame"], "default_on": true}]}}]}
            """
        try await TestUpstream.withRunning { upstream, _ in
            try await TestGateway.withRunning(config: GatewayFixture.config(upstream: upstream), plugins: manifest) { gateway in
                try await body(gateway)
            }
        }
    }

    static func trace(_ reply: TestEndpoint.Reply) throws -> JSON {
        try JSONParser.parse(try #require(reply.header("x-tollgate-debug"), "no x-tollgate-debug header (\(reply.status) \(reply.body))"))
    }

    static func runs(_ trace: JSON) -> [String] {
        (trace["hooks"]?.arrayValue ?? []).map {
            "\($0["point"]?.stringValue ?? ""):\($0["plugin"]?.stringValue ?? ""):\($0["decision"]?.stringValue ?? "")"
        }
    }

    @Test func adminSeesEveryHookRunInOrderAndTheAttempt() async throws {
        try await Self.withGateway { gateway in
            let reply = try await gateway.post(
                "/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: GatewayFixture.masterKey, headers: Self.debug)
            #expect(reply.status == 200)
            let trace = try Self.trace(reply)
            #expect(
                Self.runs(trace) == [
                    "auth:master-key-auth:proceed", "budget_reserve:budgets:proceed", "guardrail_pre_call:guardrails:proceed",
                    "routing:budgets:proceed", "guardrail_post_call:guardrails:proceed", "budget_commit:budgets:proceed",
                ])
            for run in trace["hooks"]?.arrayValue ?? [] {
                #expect((run["ms"]?.doubleValue ?? -1) >= 0)
                #expect((run["at_ms"]?.doubleValue ?? -1) >= 0)
            }
            let attempts = trace["attempts"]?.arrayValue ?? []
            #expect(attempts.count == 1)
            #expect(attempts.first?["model_group"] == "gpt-test")
            #expect(attempts.first?["status"] == 200)
        }
    }

    @Test func guardrailRejectionNamesThePluginAndTheReason() async throws {
        try await Self.withGateway { gateway in
            let reply = try await gateway.post(
                "/v1/chat/completions", json: GatewayFixture.chat("gpt-test", "please open sesame"), key: GatewayFixture.masterKey,
                headers: Self.debug)
            #expect(reply.status == 400)
            let trace = try Self.trace(reply)
            #expect(
                Self.runs(trace) == [
                    "auth:master-key-auth:proceed", "budget_reserve:budgets:proceed", "guardrail_pre_call:guardrails:rejected",
                    "budget_commit:budgets:proceed",
                ])
            let rejection = trace["hooks"]?[2]
            #expect(rejection?["reason"]?.stringValue == reply.error?["message"]?.stringValue)
            #expect(trace["attempts"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func budgetRejectionNamesThePlugin() async throws {
        try await Self.withGateway(budgets: #"{"max_budget": 0}"#) { gateway in
            let reply = try await gateway.post(
                "/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: GatewayFixture.masterKey, headers: Self.debug)
            #expect(reply.status == 400 || reply.status == 429)
            let trace = try Self.trace(reply)
            #expect(Self.runs(trace) == ["auth:master-key-auth:proceed", "budget_reserve:budgets:rejected"])
            #expect(trace["hooks"]?[1]?["reason"]?.stringValue == reply.error?["message"]?.stringValue)
        }
    }

    @Test func aNonAdminKeyGetsNoTrace() async throws {
        try await Self.withGateway { gateway in
            let key = try await GuardrailsGateway.key(gateway)
            let answered = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: key, headers: Self.debug)
            #expect(answered.status == 200)
            #expect(answered.header("x-tollgate-debug") == nil)
            let rejected = try await gateway.post(
                "/v1/chat/completions", json: GatewayFixture.chat("gpt-test", "open sesame"), key: key, headers: Self.debug)
            #expect(rejected.status == 400)
            #expect(rejected.header("x-tollgate-debug") == nil)
            // An admin who does not ask gets none either.
            let unasked = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: GatewayFixture.masterKey)
            #expect(unasked.header("x-tollgate-debug") == nil)
        }
    }

    @Test func streamCarriesTheTraceUpToItsFirstChunk() async throws {
        try await Self.withGateway { gateway in
            let reply = try await gateway.post(
                "/v1/chat/completions", json: GatewayFixture.chat("gpt-test", stream: true), key: GatewayFixture.masterKey, headers: Self.debug)
            #expect(reply.status == 200)
            let trace = try Self.trace(reply)
            #expect(Self.runs(trace).first == "auth:master-key-auth:proceed")
            #expect(Self.runs(trace).contains("guardrail_pre_call:guardrails:proceed"))
            let attempt = try #require(trace["attempts"]?[0])
            #expect(attempt["status"] == 200)
            #expect(attempt["ttft_ms"]?.doubleValue != nil)
        }
    }

    @Test func retriedRequestShowsEachAttempt() async throws {
        try await TestUpstream.withRunning { upstream, _ in
            let config = RoutingFixture.config(
                [RoutingFixture.entry("a", "flaky-1-status-500", upstream: upstream, id: "a-1")], routerSettings: ["num_retries: 1"])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post(
                    "/v1/chat/completions", json: RoutingFixture.chat("a"), key: RoutingFixture.key, headers: Self.debug)
                #expect(reply.status == 200)
                let attempts = try Self.trace(reply)["attempts"]?.arrayValue ?? []
                #expect(attempts.map { $0["number"]?.intValue ?? 0 } == [1, 2])
                #expect(attempts.map { $0["deployment"]?.stringValue ?? "" } == ["a-1", "a-1"])
                #expect(attempts.first?["status"] == 502)
                #expect(attempts.first?["error"]?.stringValue?.contains("HTTP 500") == true)
                #expect(attempts.last?["status"] == 200)
                #expect(attempts.last?["error"] == nil)
            }
        }
    }
}
