import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// The gateway on the `postgres-store` plugin against a real Postgres (`TOLLGATE_TEST_POSTGRES_URL`, started by
/// `scripts/test-postgres start`): spend logs land in Postgres, and readiness turns 503 when the database goes
/// away while requests keep being served.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_POSTGRES"] != "1"))
struct PostgresGatewayTests {
    let key = GatewayFixture.masterKey

    @Test func spendLogAndReadinessOnPostgres() async throws {
        let server = try #require(
            ProcessInfo.processInfo.environment["TOLLGATE_TEST_POSTGRES_URL"],
            "TOLLGATE_TEST_POSTGRES_URL is not set: run `eval \"$(scripts/test-postgres start | grep ^export)\"` or scripts/test")
        try await Psql.withScratchDatabase(prefix: "tollgate_gw") { databaseURL in
            try await spendLogAndReadiness(server: server, databaseURL: databaseURL)
        }
    }

    private func spendLogAndReadiness(server: String, databaseURL: String) async throws {
        let name = try #require(URLComponents(string: databaseURL)?.path.dropFirst()).description
        let plugins = """
            {"plugins": [
              {"name": "postgres-store", "config": {"url": "os.environ/TEST_DATABASE_URL", "max_connections": 2}},
              {"name": "master-key-auth"},
              {"name": "spend-log", "config": {"flush_interval_seconds": 0.05, "write_timeout_seconds": 1, "journal_dir": "$TMP/journal"}}
            ]}
            """
        try await TestUpstream.withRunning { upstream, _ in
            try await TestGateway.withRunning(
                config: GatewayFixture.config(upstream: upstream), plugins: plugins, environment: ["TEST_DATABASE_URL": databaseURL]
            ) { gateway in
                #expect(try await gateway.get("/health/readiness").json?["storage"] == "postgres")
                let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: key)
                let requestID = try #require(reply.header("x-request-id"))
                var stored = ""
                for _ in 0..<100 where stored.isEmpty {
                    try await Task.sleep(for: .milliseconds(50))
                    stored = try await Psql.run(
                        "SELECT prompt_tokens || '/' || completion_tokens FROM tollgate_spend_logs WHERE request_id = '\(requestID)'",
                        url: databaseURL)
                }
                #expect(stored == "11/7")

                // The database goes away: readiness reports it, requests are still served.
                try await Psql.run("DROP DATABASE \(name) WITH (FORCE)", url: server)
                let readiness = try await gateway.get("/health/readiness")
                #expect(readiness.status == 503)
                #expect(readiness.json?["status"] == "unhealthy")
                #expect(try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: key).status == 200)
                #expect(try await gateway.get("/health/liveliness").status == 200)
            }
        }
    }
}
