import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// `/metrics` over HTTP after known traffic through a real gateway and a loopback upstream: exact counts per label
/// set, tokens, spend, histogram buckets, the other plugins' gauges, and the endpoint's access rule.
@Suite(.serialized)
struct MetricsTests {
    static let master = GatewayFixture.masterKey
    /// Every success of the test upstream reports 11 prompt and 7 completion tokens; the fixture prices them at
    /// 0.001 and 0.002 USD.
    static let costPerCall = 11 * 0.001 + 7 * 0.002

    static func plugins(_ directory: String, prometheus: String = #"{"latency_buckets": [0.25, 60]}"#) -> String {
        """
        {"plugins": [
          {"name": "sqlite-store", "config": {"path": "\(directory)/tollgate.db"}}, {"name": "master-key-auth"}, {"name": "virtual-keys"},
          {"name": "budgets"}, {"name": "spend-log", "config": {"flush_interval_seconds": 0.05}},
          {"name": "routing", "config": {"allowed_fails": 0, "cooldown_time": 600}},
          {"name": "prometheus", "config": \(prometheus)}
        ]}
        """
    }

    @Test func scrapeAfterKnownTrafficCountsRequestsTokensSpendAndLatency() async throws {
        try await waitForRoomInMinuteWindow(30)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await TestUpstream.withRunning { upstream, _ in
            try await TestGateway.withRunning(config: GatewayFixture.config(upstream: upstream), plugins: Self.plugins(directory.path)) { gateway in
                let team = try await gateway.post("/team/new", json: ["team_id": "research", "max_budget": 100], key: Self.master)
                #expect(team.status == 200, "\(team.body)")
                let created = try await gateway.post(
                    "/key/generate", json: ["key_alias": "ci-bot", "team_id": "research", "max_budget": 50, "rpm_limit": 100], key: Self.master)
                let key = try #require(created.json?["key"]?.stringValue, "\(created.body)")
                let keyHash = try #require(created.json?["token"]?.stringValue)

                for _ in 0..<3 {
                    #expect(try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: key).status == 200)
                }
                let failed = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("openai-status-500"), key: key)
                #expect(failed.status >= 500)
                let streamed = try await gateway.post(
                    "/v1/chat/completions", json: GatewayFixture.chat("openai-slow-stream", "a", stream: true), key: key)
                #expect(streamed.status == 200)
                let lastMinute = Int(Date().timeIntervalSince1970 / 60)

                // Requests are recorded from the log queue, behind the responses: wait until all five are.
                let reply = try await Self.scrape(gateway) { ($0.value("tollgate_requests_total") ?? 0) >= 5 }
                let scrapedInSameMinute = Int(Date().timeIntervalSince1970 / 60) == lastMinute
                #expect(reply.header("content-type")?.hasPrefix("text/plain; version=0.0.4") == true)
                let scrape = PrometheusScrape(reply.body)
                let caller = ["key": "ci-bot", "team": "research"]

                // Requests by model group, status, key alias and team.
                #expect(scrape.value("tollgate_requests_total") == 5)
                #expect(scrape.value("tollgate_requests_total", caller.merging(["model": "gpt-test", "status": "200"]) { $1 }) == 3)
                #expect(scrape.value("tollgate_requests_total", ["model": "openai-status-500", "status": String(failed.status)]) == 1)
                #expect(scrape.value("tollgate_requests_total", ["model": "openai-slow-stream", "status": "200"]) == 1)
                let deployments = scrape.samples("tollgate_requests_total").map { $0.labels["deployment"] }
                #expect(deployments.allSatisfy { $0 != nil && $0 != "none" }, "every request reached a deployment")

                // Tokens and spend: the failure has neither.
                #expect(scrape.value("tollgate_input_tokens_total", ["model": "gpt-test"]) == 33)
                #expect(scrape.value("tollgate_output_tokens_total", ["model": "gpt-test"]) == 21)
                #expect(scrape.value("tollgate_input_tokens_total", ["model": "openai-slow-stream"]) == 11)
                #expect(scrape.value("tollgate_spend_usd_total", ["model": "openai-status-500"]) == nil)
                let spend = try #require(scrape.value("tollgate_spend_usd_total", caller))
                #expect(abs(spend - 4 * Self.costPerCall) < 1e-9)

                // Total latency: the slow stream pauses 0.4 s between chunks, so it is past the 0.25 s bucket.
                let duration = "tollgate_request_duration_seconds"
                #expect(scrape.value(duration + "_count", ["model": "gpt-test"]) == 3)
                #expect(scrape.value(duration + "_bucket", ["model": "gpt-test", "le": "+Inf"]) == 3)
                #expect(scrape.value(duration + "_bucket", ["model": "gpt-test", "le": "60.0"]) == 3)
                #expect(scrape.value(duration + "_bucket", ["model": "openai-slow-stream", "le": "0.25"]) == 0)
                #expect(scrape.value(duration + "_bucket", ["model": "openai-slow-stream", "le": "+Inf"]) == 1)
                #expect((scrape.value(duration + "_sum", ["model": "openai-slow-stream"]) ?? 0) >= 0.4)
                #expect(scrape.value(duration + "_count") == 5)

                // The budgets plugin's gauges after the spend: 4 calls cost 0.1 USD; 5 requests this minute.
                let teamLeft = try #require(scrape.value("tollgate_budget_remaining_usd", ["scope_kind": "team", "scope": "research"]))
                #expect(abs(teamLeft - (100 - 4 * Self.costPerCall)) < 1e-9)
                let keyLeft = try #require(scrape.value("tollgate_budget_remaining_usd", ["scope_kind": "key", "scope": "ci-bot"]))
                #expect(abs(keyLeft - (50 - 4 * Self.costPerCall)) < 1e-9)
                // What the last response said was left in its minute (95 when all five fell in one; a loaded machine
                // may cross into the next), or all 100 once the scrape may have come in a later minute.
                let remaining = try #require(streamed.header("x-ratelimit-remaining-requests").flatMap(Double.init))
                #expect(remaining <= 99)
                let gauge = try #require(scrape.value("tollgate_rate_limit_remaining", ["scope": "ci-bot", "limit": "requests"]))
                #expect(scrapedInSameMinute ? gauge == remaining : [remaining, 100].contains(gauge), "\(gauge), \(remaining) left")

                // The spend writer's queue exists; the deployment that failed cools down (one failure is past
                // `allowed_fails: 0`), the others do not.
                #expect(scrape.value("tollgate_spend_log_queue_depth") != nil)
                #expect(scrape.value("tollgate_deployment_cooldown", ["model": "openai-status-500"]) == 1)
                #expect(scrape.value("tollgate_deployment_cooldown", ["model": "gpt-test"]) == 0)

                // No secret anywhere in the scrape.
                for secret in [key, keyHash, Self.master, GatewayFixture.upstreamKey] {
                    #expect(!reply.body.contains(secret))
                }
            }
        }
    }

    @Test func metricsAreOpenByDefaultAndTakeAnAdminKeyWithRequireAuth() async throws {
        let open = #"{"plugins": [{"name": "master-key-auth"}, {"name": "prometheus"}]}"#
        let closed = #"{"plugins": [{"name": "master-key-auth"}, {"name": "prometheus", "config": {"require_auth": true}}]}"#
        try await TestUpstream.withRunning { upstream, _ in
            try await TestGateway.withRunning(config: GatewayFixture.config(upstream: upstream), plugins: open) { gateway in
                let reply = try await gateway.get("/metrics")
                #expect(reply.status == 200)
            }
            try await TestGateway.withRunning(config: GatewayFixture.config(upstream: upstream), plugins: closed) { gateway in
                let anonymous = try await gateway.get("/metrics")
                #expect(anonymous.status == 401)
                #expect(anonymous.json?["error"]?["message"]?.stringValue != nil, "an OpenAI-shaped error: \(anonymous.body)")
                #expect(try await gateway.get("/metrics", key: "sk-wrong").status == 401)
                let admin = try await gateway.get("/metrics", key: Self.master)
                #expect(admin.status == 200)
                #expect(admin.header("content-type")?.hasPrefix("text/plain") == true)
            }
        }
    }

    @Test func anUnknownConfigKeyOrBadBucketsStopStartup() async throws {
        for config in [#"{"require_auth": true, "typo": 1}"#, #"{"latency_buckets": [1, 0.5]}"#, #"{"max_label_values": 0}"#] {
            let plugins = #"{"plugins": [{"name": "prometheus", "config": \#(config)}]}"#
            await #expect(throws: (any Error).self, "\(config)") {
                try await TestGateway.withRunning(config: "model_list: []", plugins: plugins) { _ in }
            }
        }
    }

    /// Scrapes until `done` holds (at most 30 s), then returns that scrape.
    static func scrape(_ gateway: TestEndpoint, until done: (PrometheusScrape) -> Bool) async throws -> TestEndpoint.Reply {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            let reply = try await gateway.get("/metrics")
            if done(PrometheusScrape(reply.body)) || ContinuousClock.now > deadline { return reply }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
