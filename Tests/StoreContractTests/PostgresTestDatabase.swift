import Foundation
import GatewayCore
import Logging
import PostgresNIO
import PostgresStore
import Testing

/// A fresh Postgres database per test, created on the server named by `TOLLGATE_TEST_POSTGRES_URL` and dropped
/// afterwards, so tests running in parallel never see each other's rows.
///
/// Without the variable the tests fail and say how to start a server; `TOLLGATE_SKIP_POSTGRES=1` disables them.
enum PostgresTestDatabase {
    static let urlVariable = "TOLLGATE_TEST_POSTGRES_URL"

    /// Whether the Postgres suites run (`TOLLGATE_SKIP_POSTGRES=1` turns them off).
    static var isEnabled: Bool { ProcessInfo.processInfo.environment["TOLLGATE_SKIP_POSTGRES"] != "1" }

    struct NotConfigured: Error, CustomStringConvertible {
        var description: String {
            """
            \(PostgresTestDatabase.urlVariable) is not set. Start a throwaway Postgres and export its URL:
                eval "$(scripts/test-postgres start | grep ^export)"
            (scripts/test-postgres start prints: export \(PostgresTestDatabase.urlVariable)=postgres://postgres@127.0.0.1:55432/postgres)
            or set TOLLGATE_SKIP_POSTGRES=1 to skip the Postgres store tests.
            """
        }
    }

    /// The server from the environment, connecting to its admin database.
    static func serverSettings() throws -> PostgresConnectionSettings {
        guard let url = ProcessInfo.processInfo.environment[urlVariable], !url.isEmpty else { throw NotConfigured() }
        return try PostgresStorePlugin.Configuration(url: url, database: "postgres").connectionSettings()
    }

    /// Creates a database, passes its settings to `body`, and drops it afterwards (also when `body` throws).
    static func withFreshDatabase(_ body: (PostgresConnectionSettings) async throws -> Void) async throws {
        let server = try serverSettings()
        // Identifiers cannot be bind parameters; the name is generated here from hex digits only.
        let name = "tollgate_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await execute("CREATE DATABASE \(name)", on: server)
        var settings = server
        settings.database = name
        let outcome: (any Error)?
        do {
            try await body(settings)
            outcome = nil
        } catch {
            outcome = error
        }
        try await execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: server)
        if let outcome { throw outcome }
    }

    /// Runs `body` with a store on a fresh database whose client is running, and stops the client afterwards.
    static func withStore(_ body: @escaping @Sendable (PostgresGatewayStore) async throws -> Void) async throws {
        try await withFreshDatabase { settings in
            let store = PostgresGatewayStore(settings: settings, maxConnections: 4, logger: .silent)
            try await withRunning(store.client) { try await body(store) }
        }
    }

    /// Runs `body` while `client.run()` runs in a child task; cancels it (closing the pool) when `body` ends.
    static func withRunning(_ client: PostgresClient, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await body()
        }
    }

    private static func execute(_ sql: String, on settings: PostgresConnectionSettings) async throws {
        let configuration = PostgresConnection.Configuration(
            host: settings.host, port: settings.port, username: settings.username, password: settings.password,
            database: settings.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: .silent)
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: .silent)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
