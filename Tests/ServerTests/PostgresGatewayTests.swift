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
        let name = "tollgate_gw_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try Psql.run("CREATE DATABASE \(name)", url: server)
        defer { _ = try? Psql.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", url: server) }
        let databaseURL = Psql.url(server, database: name)
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
                    stored = try Psql.run(
                        "SELECT prompt_tokens || '/' || completion_tokens FROM tollgate_spend_logs WHERE request_id = '\(requestID)'",
                        url: databaseURL)
                }
                #expect(stored == "11/7")

                // The database goes away: readiness reports it, requests are still served.
                try Psql.run("DROP DATABASE \(name) WITH (FORCE)", url: server)
                let readiness = try await gateway.get("/health/readiness")
                #expect(readiness.status == 503)
                #expect(readiness.json?["status"] == "unhealthy")
                #expect(try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: key).status == 200)
                #expect(try await gateway.get("/health/liveliness").status == 200)
            }
        }
    }
}

/// Runs SQL through the `psql` client (installed with PostgreSQL by scripts/test).
enum Psql {
    /// - Returns: the unaligned, tuples-only output, trimmed.
    @discardableResult
    static func run(_ sql: String, url: String) throws -> String {
        let process = try SpawnedProcess(
            executable: "/usr/bin/env", arguments: ["psql", url, "-v", "ON_ERROR_STOP=1", "-tAc", sql],
            environment: ProcessInfo.processInfo.environment, currentDirectory: nil)
        var data = Data()
        process.readAll { data.append($0) }
        let status = process.waitForExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard status == 0 else { throw PsqlError(message: text) }
        return text
    }

    /// Runs `body` with the URL of a fresh database on the test server (`TOLLGATE_TEST_POSTGRES_URL`), dropped after.
    static func withScratchDatabase<T>(prefix: String, _ body: (String) async throws -> T) async throws -> T {
        let server = try #require(
            ProcessInfo.processInfo.environment["TOLLGATE_TEST_POSTGRES_URL"],
            "TOLLGATE_TEST_POSTGRES_URL is not set (run scripts/test, or set TOLLGATE_SKIP_POSTGRES=1)")
        let name = prefix + "_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try run("CREATE DATABASE \(name)", url: server)
        defer {
            _ = try? run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", url: server)
            removeDefaultSpendJournal(database: name, server: server)
        }
        return try await body(url(server, database: name))
    }

    /// A gateway whose spend-log has no `journal_dir` keeps its journal in the working directory, named after the
    /// database (`PostgresGatewayStore.spendJournalDirectory`): the scratch database's one goes with it.
    private static func removeDefaultSpendJournal(database: String, server: String) {
        guard let components = URLComponents(string: server), let host = components.host else { return }
        let folder = "tollgate-spend-journal-\(database)-\(host)-\(components.port ?? 5432)"
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The server URL with another database name.
    static func url(_ server: String, database: String) -> String {
        guard var components = URLComponents(string: server) else { return server }
        components.path = "/" + database
        return components.string ?? server
    }

    struct PsqlError: Error, CustomStringConvertible {
        let message: String
        var description: String { "psql failed: \(message)" }
    }
}
