import Foundation
import Testing

/// Runs SQL through the `psql` client (installed with PostgreSQL by scripts/test).
enum Psql {
    /// Waits for psql without blocking a thread of the cooperative pool (``ChildProcess``): a blocked thread stalls
    /// every gateway the test process runs on a 2-core machine.
    /// - Returns: the unaligned, tuples-only output, trimmed.
    @discardableResult
    static func run(_ sql: String, url: String) async throws -> String {
        let (status, output) = try await ChildProcess.run("/usr/bin/env", ["psql", url, "-v", "ON_ERROR_STOP=1", "-tAc", sql])
        let text = output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard status == 0 else { throw PsqlError(message: text) }
        return text
    }

    /// Runs `body` with the URL of a fresh database on the test server (`TOLLGATE_TEST_POSTGRES_URL`), dropped after.
    static func withScratchDatabase<T>(prefix: String, _ body: (String) async throws -> T) async throws -> T {
        let server = try #require(
            ProcessInfo.processInfo.environment["TOLLGATE_TEST_POSTGRES_URL"],
            "TOLLGATE_TEST_POSTGRES_URL is not set (run scripts/test, or set TOLLGATE_SKIP_POSTGRES=1)")
        let name = prefix + "_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await run("CREATE DATABASE \(name)", url: server)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(url(server, database: name)))
        } catch {
            result = .failure(error)
        }
        _ = try? await run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", url: server)
        removeDefaultSpendJournal(database: name, server: server)
        return try result.get()
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
