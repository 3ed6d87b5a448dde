import Foundation
public import GatewayCore
public import Logging
public import PostgresNIO
import Synchronization

/// The ``GatewayStore`` of `postgres-store`, over a pooled `PostgresClient`.
///
/// The client must be running (`client.run()`, a `Service`) for every call but ``migrate()``, which uses a
/// connection of its own. Queries live in `PostgresGatewayStore+Keys.swift`, `+SpendLogs.swift`, `+SpendReports.swift`,
/// `+SpendCounters.swift`, `+Entities.swift`, `+AuditLog.swift`, `+Policies.swift` (with `+PolicyRows.swift`) and
/// `+PolicyAttachments.swift` (a write and its audit row share one transaction, as do
/// spend log rows and their counter increments, see ``inTransaction(_:)``), migrations in
/// `PostgresGatewayStore+Migrate.swift` and ``PostgresMigrations``. Every value is a bind parameter of a
/// `PostgresQuery` built by string interpolation; only the fixed migration SQL goes in as `unsafeSQL`.
///
/// Every query goes through ``PostgresPool``: it fails at once with ``StoreError/unavailable(_:)`` while
/// ``availability`` says the database is unreachable, and reports the driver's connection errors as that error.
/// The plugin's ``PostgresConnector`` keeps ``availability`` true and reconnects after an outage.
public final class PostgresGatewayStore: GatewayStore, Sendable {
    /// Where the store connects.
    public let settings: PostgresConnectionSettings
    /// Whether the database can serve, as the startup migration and the connector found.
    public let availability: StoreAvailability
    /// What other instances changed, as the plugin's ``PostgresChangeListener`` hears it.
    let broadcast = StoreChangeBroadcast()
    let pool: PostgresPool
    let maxConnections: Int
    let logger: Logger
    private let migrated = Atomic<Bool>(false)

    public var kind: String { "postgres" }
    public var connectsInBackground: Bool { true }
    /// Several instances share the database: budgets and rate limits coordinate through it (`PostgresGatewayStore+BudgetLeases.swift`).
    public var sharedLimits: (any SharedLimitStore)? { self }
    public var changes: any StoreChangeFeed { broadcast }

    /// The pooled client queries go to now. Run it: the plugin's connector does (and replaces it after an outage).
    public var client: PostgresClient { pool.current }

    /// A store over a new, not yet running, client.
    /// - Parameters:
    ///   - settings: where to connect.
    ///   - maxConnections: the pool's size.
    ///   - logger: for queries, the pool's background events, and changes of availability.
    public init(settings: PostgresConnectionSettings, maxConnections: Int = 20, logger: Logger) {
        self.settings = settings
        self.maxConnections = maxConnections
        self.logger = logger
        self.availability = StoreAvailability(kind: "postgres", logger: logger)
        self.pool = PostgresPool(
            client: Self.makeClient(settings: settings, maxConnections: maxConnections, logger: logger), availability: availability,
            database: settings.description)
    }

    /// A store configured as the plugin is.
    /// - Throws: ``PostgresURLError`` when `url` is malformed.
    public convenience init(configuration: PostgresStorePlugin.Configuration, logger: Logger) throws {
        self.init(settings: try configuration.connectionSettings(), maxConnections: configuration.maxConnections, logger: logger)
    }

    /// A new pooled client with the store's settings, not yet running.
    func makeClient() -> PostgresClient {
        Self.makeClient(settings: settings, maxConnections: maxConnections, logger: logger)
    }

    private static func makeClient(settings: PostgresConnectionSettings, maxConnections: Int, logger: Logger) -> PostgresClient {
        PostgresClient(configuration: settings.clientConfiguration(maxConnections: maxConnections), backgroundLogger: logger)
    }

    /// Whether ``migrate()`` has succeeded in this process.
    var isMigrated: Bool { migrated.load(ordering: .acquiring) }

    public func schemaVersion() async throws -> Int {
        let exists = try await pool.query("SELECT to_regclass('tollgate_migrations') IS NOT NULL", logger: logger)
        for try await found in exists.decode(Bool.self) where !found {
            return 0
        }
        let rows = try await pool.query("SELECT COALESCE(MAX(version), 0)::BIGINT FROM tollgate_migrations", logger: logger)
        for try await version in rows.decode(Int.self) {
            return version
        }
        return 0
    }

    public func checkHealth() async throws {
        let rows = try await pool.query("SELECT 1", logger: logger)
        for try await _ in rows {}
    }

    /// The connector's state; when it says ready, also a `SELECT 1` within 2 seconds (the database may have gone
    /// since its last probe).
    public func readiness() async -> StoreStatus {
        let status = availability.status
        guard status.isReady else { return status }
        do {
            try await withTimeout(seconds: 2) { [self] in try await checkHealth() }
            return status
        } catch {
            let reason = error is TimeoutError ? "\(settings): no answer within 2 s" : String(describing: error)
            return StoreStatus(.unreachable, since: Date().timeIntervalSince1970, reason: reason)
        }
    }

    public func waitUntilReady() async throws {
        try await availability.waitUntilReady()
    }

    /// Runs `body` in one transaction on one leased connection: committed when it returns, rolled back when it throws.
    /// - Throws: what `body` threw (a ``StoreError``, a `PSQLError`), or the failure to begin or commit; never the
    ///   `PostgresTransactionError` wrapper.
    func inTransaction<Result: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        try await pool.withTransaction(logger: logger, body)
    }

    /// Marks the schema current (the migration succeeded) and the store ready.
    func didMigrate() {
        migrated.store(true, ordering: .releasing)
        availability.update(.ready)
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
