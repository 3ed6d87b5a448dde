public import GatewayCore
public import Logging
public import PostgresNIO

/// The ``GatewayStore`` of `postgres-store`, over a pooled `PostgresClient`.
///
/// The client must be running (`client.run()`, a `Service`) for every call but ``migrate()``, which uses a
/// connection of its own. Queries live in `PostgresGatewayStore+Keys.swift`, `+SpendLogs.swift`, `+SpendReports.swift`,
/// `+SpendCounters.swift`, `+Entities.swift`, `+AuditLog.swift`, `+Policies.swift` (with `+PolicyRows.swift`) and
/// `+PolicyAttachments.swift` (a write and its audit row share one transaction, as do
/// spend log rows and their counter increments, see ``inTransaction(_:)``), migrations in
/// `PostgresGatewayStore+Migrate.swift` and ``PostgresMigrations``. Every value is a bind parameter of a
/// `PostgresQuery` built by string interpolation; only the fixed migration SQL goes in as `unsafeSQL`.
public final class PostgresGatewayStore: GatewayStore, Sendable {
    /// The pool. Run it: the plugin hands it to the server as a service.
    public let client: PostgresClient
    /// Where the store connects.
    public let settings: PostgresConnectionSettings
    let logger: Logger

    public var kind: String { "postgres" }

    /// A store over a new, not yet running, client.
    /// - Parameters:
    ///   - settings: where to connect.
    ///   - maxConnections: the pool's size.
    ///   - logger: for queries and the pool's background events.
    public init(settings: PostgresConnectionSettings, maxConnections: Int = 20, logger: Logger) {
        self.settings = settings
        self.logger = logger
        self.client = PostgresClient(configuration: settings.clientConfiguration(maxConnections: maxConnections), backgroundLogger: logger)
    }

    /// A store configured as the plugin is.
    /// - Throws: ``PostgresURLError`` when `url` is malformed.
    public convenience init(configuration: PostgresStorePlugin.Configuration, logger: Logger) throws {
        self.init(settings: try configuration.connectionSettings(), maxConnections: configuration.maxConnections, logger: logger)
    }

    public func schemaVersion() async throws -> Int {
        let exists = try await client.query("SELECT to_regclass('tollgate_migrations') IS NOT NULL", logger: logger)
        for try await found in exists.decode(Bool.self) where !found {
            return 0
        }
        let rows = try await client.query("SELECT COALESCE(MAX(version), 0)::BIGINT FROM tollgate_migrations", logger: logger)
        for try await version in rows.decode(Int.self) {
            return version
        }
        return 0
    }

    public func checkHealth() async throws {
        let rows = try await client.query("SELECT 1", logger: logger)
        for try await _ in rows {}
    }

    /// Runs `body` in one transaction on one leased connection: committed when it returns, rolled back when it throws.
    /// - Throws: what `body` threw (a ``StoreError``, a `PSQLError`), or the failure to begin or commit; never the
    ///   `PostgresTransactionError` wrapper.
    func inTransaction<Result>(_ body: (PostgresConnection) async throws -> sending Result) async throws -> sending Result {
        do {
            return try await client.withTransaction(logger: logger, body)
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.commitError ?? error.beginError ?? error
        }
    }
}

extension PSQLError {
    /// Whether the server refused a row because of a unique constraint (SQLSTATE 23505).
    var isUniqueViolation: Bool { serverInfo?[.sqlState] == "23505" }

    /// What went wrong, for an operator: the server's message and SQLSTATE, or the client-side cause. PSQLError's
    /// own description hides everything; this shows no query, no bound value and no credential.
    var summary: String {
        if let message = serverInfo?[.message] {
            return "\(message) (SQLSTATE \(serverInfo?[.sqlState] ?? "?"))"
        }
        if let underlying { return "\(code): \(underlying)" }
        return "\(code)"
    }
}
