import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// `tollgate serve` on `postgres-store` whose database is down when it starts: it starts anyway, readiness says
/// why it is not ready, requests that need the store answer 503 `storage_unavailable` (never 401), and once the
/// database is up the gateway connects, migrates and serves by itself, logging each change of state once.
@Suite(.serialized, .timeLimit(.minutes(5)), .enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_POSTGRES"] != "1"))
struct StorageOutageStartupTests {
    @Test func startsWithTheDatabaseDownThenConnectsByItself() async throws {
        try await ThrowawayPostgres.withCluster { database in
            try await TestUpstream.withRunning { upstream, _ in
                let directory = try TemporaryDirectory()
                defer { directory.remove() }
                let config = try directory.write("config.yaml", GatewayFixture.config(upstream: upstream))
                let plugins = try directory.write(
                    "plugins.json",
                    """
                    {"plugins": [
                      {"name": "postgres-store", "config": {"url": "os.environ/TEST_DATABASE_URL", "max_connections": 4}},
                      {"name": "master-key-auth"}, {"name": "virtual-keys"}, {"name": "policies"},
                      {"name": "budgets"}, {"name": "spend-log"}
                    ]}
                    """)
                let server = try await ServedGateway.start(
                    config: config, plugins: plugins, directory: directory.path, environment: ["TEST_DATABASE_URL": database.url])
                defer { server.process.kill() }
                let gateway = server.endpoint
                let master = GatewayFixture.masterKey

                let notReady = try await gateway.get("/health/readiness")
                #expect(notReady.status == 503)
                #expect(notReady.json?["state"] == "unreachable", "\(notReady.body)")
                #expect(notReady.json?["db"] == "not connected")
                #expect(notReady.json?["reason"]?.stringValue?.contains("127.0.0.1:\(database.port)") == true, "\(notReady.body)")
                #expect(notReady.json?["since"]?.stringValue != nil)
                #expect(!notReady.body.contains(ThrowawayPostgres.password))
                #expect(try await gateway.get("/health/liveliness").status == 200)

                // What needs the store is a 503 the client can retry: a key the gateway cannot look up, the
                // management API, and LLM calls while the guardrail policies are not read yet.
                let unknownKey = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: "sk-not-looked-up")
                #expect(unknownKey.status == 503, "\(unknownKey.body)")
                #expect(unknownKey.error?["code"] == "storage_unavailable")
                let generate = try await gateway.post("/key/generate", json: ["models": ["gpt-test"]], key: master)
                #expect(generate.status == 503, "\(generate.body)")
                #expect(generate.error?["code"] == "storage_unavailable")
                let masterChat = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: master)
                #expect(masterChat.status == 503, "\(masterChat.body)")

                try await database.start()
                let ready = try await Self.waitForReadiness(gateway, within: .seconds(30))
                #expect(ready.json?["state"] == "ready", "\(ready.body)")
                // The budgets plugin read its spend counters once the store came up: a key with a budget is served.
                let created = try await gateway.post("/key/generate", json: ["models": ["gpt-test"], "max_budget": 10], key: master)
                #expect(created.status == 200, "\(created.body)")
                let key = try #require(created.json?["key"]?.stringValue)
                let chat = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: key)
                #expect(chat.status == 200, "\(chat.body)")

                server.process.signal(SIGTERM)
                _ = try await server.process.waitForExit(timeout: .seconds(30))
                let log = server.process.output
                // Many reconnect attempts, one line per change of state.
                #expect(Self.count("storage unreachable; requests that need it", in: log) == 1, "\(log)")
                #expect(Self.count("storage reachable; applying migrations", in: log) == 1, "\(log)")
                #expect(!log.contains(ThrowawayPostgres.password))
            }
        }
    }

    /// Polls `/health/readiness` until it answers 200. - Throws: ``TestFailure`` with the last answer when time runs out.
    static func waitForReadiness(_ gateway: TestEndpoint, within limit: Duration) async throws -> TestEndpoint.Reply {
        let deadline = ContinuousClock.now + limit
        while true {
            let reply = try await gateway.get("/health/readiness")
            if reply.status == 200 { return reply }
            guard ContinuousClock.now < deadline else { throw TestFailure("not ready after \(limit): \(reply.body)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    static func count(_ phrase: String, in text: String) -> Int {
        text.components(separatedBy: phrase).count - 1
    }
}
