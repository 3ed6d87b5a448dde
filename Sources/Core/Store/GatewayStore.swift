/// What a storage plugin provides: every store role, migrations and a health check.
///
/// Exactly one storage plugin may be enabled. Both built-in stores (SQLite, Postgres) pass the same contract
/// suite (`Tests/StoreContractTests`). Later capabilities add their store roles to this composition.
///
/// A store that cannot be reached throws ``StoreError/unavailable(_:)`` from any call (the pipeline answers 503
/// `storage_unavailable`). A store that ``connectsInBackground`` may be unreachable when the gateway starts: it
/// reconnects and migrates by itself, says how it is doing in ``readiness()``, and lets startup readers wait for
/// it (``waitUntilReady()``).
public protocol GatewayStore: KeyStore, SpendLogStore, SpendCounterStore, EntityStore, AuditLogStore, PolicyStore {
    /// A short name for logs and `/health/readiness` (`sqlite`, `postgres`).
    var kind: String { get }

    /// Applies every migration not yet applied, each in its own transaction, in version order.
    /// - Returns: the versions applied by this call (empty when the schema was current).
    /// - Throws: ``StoreError/unavailable(_:)`` when the database cannot be reached; ``StoreError/migration(_:)``.
    func migrate() async throws -> [Int]

    /// The highest migration version applied; 0 for an empty database.
    func schemaVersion() async throws -> Int

    /// Throws when the database cannot be reached (used by `/health/readiness`).
    func checkHealth() async throws

    /// Whether the store reconnects and applies its migrations by itself once it can be reached (a database
    /// server), so the gateway may start while it cannot. False for a store that is there or not (a file): its
    /// failure to migrate stops startup.
    var connectsInBackground: Bool { get }

    /// Ready, or why not and since when, for `/health/readiness`; answers within about 2 seconds.
    func readiness() async -> StoreStatus

    /// Returns once the store can serve; at once for a store that does not connect in the background.
    /// - Throws: `CancellationError` when the task is cancelled first.
    func waitUntilReady() async throws

    /// Budget leases and shared rate windows, for a store that several gateway instances share (Postgres); nil for a
    /// store of one process (SQLite), whose limits the budgets plugin keeps in memory.
    var sharedLimits: (any SharedLimitStore)? { get }

    /// What other gateway instances sharing this store changed, for the caches kept in memory (see
    /// ``StoreChangeFeed``); a ``SingleInstanceChangeFeed`` for a store only one gateway uses.
    var changes: any StoreChangeFeed { get }
}

extension GatewayStore {
    public var connectsInBackground: Bool { false }

    /// Ready when ``checkHealth()`` answers within 2 seconds; else unreachable with its error.
    public func readiness() async -> StoreStatus {
        do {
            try await withTimeout(seconds: 2) { [self] in try await checkHealth() }
            return StoreStatus(.ready)
        } catch is TimeoutError {
            return StoreStatus(.unreachable, reason: "no answer within 2 s")
        } catch {
            return StoreStatus(.unreachable, reason: String(describing: error))
        }
    }

    public func waitUntilReady() async throws {}

    public var sharedLimits: (any SharedLimitStore)? { nil }

    public var changes: any StoreChangeFeed { SingleInstanceChangeFeed() }
}
