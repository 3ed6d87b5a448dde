/// What a storage plugin provides: every store role, migrations and a health check.
///
/// Exactly one storage plugin may be enabled. Both built-in stores (SQLite, Postgres) pass the same contract
/// suite (`Tests/StoreContractTests`). Later capabilities add their store roles to this composition.
public protocol GatewayStore: KeyStore, SpendLogStore, SpendCounterStore, EntityStore, AuditLogStore, PolicyStore {
    /// A short name for logs and `/health/readiness` (`sqlite`, `postgres`).
    var kind: String { get }

    /// Applies every migration not yet applied, each in its own transaction, in version order.
    /// - Returns: the versions applied by this call (empty when the schema was current).
    func migrate() async throws -> [Int]

    /// The highest migration version applied; 0 for an empty database.
    func schemaVersion() async throws -> Int

    /// Throws when the database cannot be reached (used by `/health/readiness`).
    func checkHealth() async throws
}
