import GatewayCore
import SQLiteStore
import Synchronization

/// A SQLite store that counts key lookups and listings, as the `counting-sqlite-store` plugin: how a test sees that a cached
/// key costs no store read. Counts are per database path, so parallel tests do not mix.
final class KeyCountingStore: GatewayStore, Sendable {
    private static let lookups = Mutex<[String: Int]>([:])
    private static let listings = Mutex<[String: Int]>([:])
    private static let entityLookups = Mutex<[String: Int]>([:])
    let base: SQLiteGatewayStore
    let path: String

    init(path: String) throws {
        self.base = try SQLiteGatewayStore(path: path)
        self.path = path
    }

    /// `key(hash:)` calls on the store at `path` so far.
    static func keyLookups(path: String) -> Int { lookups.withLock { $0[path] ?? 0 } }

    /// `entity(_:id:)` calls on the store at `path` so far.
    static func entityReads(path: String) -> Int { entityLookups.withLock { $0[path] ?? 0 } }

    /// `listKeys` calls on the store at `path` so far (a startup that listed keys would show here).
    static func keyListings(path: String) -> Int { listings.withLock { $0[path] ?? 0 } }

    var kind: String { base.kind }
    func migrate() async throws -> [Int] { try await base.migrate() }
    func schemaVersion() async throws -> Int { try await base.schemaVersion() }
    func checkHealth() async throws { try await base.checkHealth() }

    func key(hash: String) async throws -> VirtualKeyRecord? {
        Self.lookups.withLock { $0[path, default: 0] += 1 }
        return try await base.key(hash: hash)
    }
    func insertKey(_ key: VirtualKeyRecord, audit: AuditLogEntry?) async throws { try await base.insertKey(key, audit: audit) }
    func updateKey(_ key: VirtualKeyRecord, audit: AuditLogEntry?) async throws { try await base.updateKey(key, audit: audit) }
    func deleteKey(hash: String, audit: AuditLogEntry?) async throws -> Bool { try await base.deleteKey(hash: hash, audit: audit) }
    func listKeys(where reference: EntityReference?, limit: Int, offset: Int) async throws -> [VirtualKeyRecord] {
        Self.listings.withLock { $0[path, default: 0] += 1 }
        return try await base.listKeys(where: reference, limit: limit, offset: offset)
    }
    func countKeys(where reference: EntityReference?) async throws -> Int { try await base.countKeys(where: reference) }
    func keys(alias: String) async throws -> [VirtualKeyRecord] { try await base.keys(alias: alias) }

    func appendSpendLogs(_ entries: [SpendLogEntry]) async throws { try await base.appendSpendLogs(entries) }
    func spendLog(requestID: String) async throws -> SpendLogEntry? { try await base.spendLog(requestID: requestID) }
    func recentSpendLogs(limit: Int) async throws -> [SpendLogEntry] { try await base.recentSpendLogs(limit: limit) }
    func totalSpend(keyHash: String) async throws -> Double { try await base.totalSpend(keyHash: keyHash) }
    func spendLogs(_ filter: SpendLogFilter, limit: Int, offset: Int) async throws -> [SpendLogEntry] {
        try await base.spendLogs(filter, limit: limit, offset: offset)
    }
    func spendSummary(_ filter: SpendLogFilter) async throws -> SpendSummary { try await base.spendSummary(filter) }

    func spendCounters() async throws -> [SpendCounter] { try await base.spendCounters() }
    func spendCounter(_ scope: SpendScope) async throws -> SpendCounter? { try await base.spendCounter(scope) }
    func scheduleBudgetReset(_ scope: SpendScope, at resetAt: Double) async throws -> Double {
        try await base.scheduleBudgetReset(scope, at: resetAt)
    }
    func resetSpend(_ scope: SpendScope, expectedResetAt: Double, nextResetAt: Double) async throws -> Bool {
        try await base.resetSpend(scope, expectedResetAt: expectedResetAt, nextResetAt: nextResetAt)
    }

    func insertEntity(_ kind: EntityKind, id: String, document: JSON, audit: AuditLogEntry) async throws {
        try await base.insertEntity(kind, id: id, document: document, audit: audit)
    }
    func updateEntity(_ kind: EntityKind, id: String, document: JSON, audit: AuditLogEntry) async throws {
        try await base.updateEntity(kind, id: id, document: document, audit: audit)
    }
    func changeEntity(
        _ kind: EntityKind, id: String, change: @escaping @Sendable (JSON?) throws -> JSON?,
        audit: @escaping @Sendable (_ before: JSON?, _ after: JSON) -> AuditLogEntry
    ) async throws -> JSON? {
        try await base.changeEntity(kind, id: id, change: change, audit: audit)
    }
    func deleteEntity(_ kind: EntityKind, id: String, audit: AuditLogEntry) async throws -> Bool {
        try await base.deleteEntity(kind, id: id, audit: audit)
    }
    func entity(_ kind: EntityKind, id: String) async throws -> JSON? {
        Self.entityLookups.withLock { $0[path, default: 0] += 1 }
        return try await base.entity(kind, id: id)
    }
    func listEntities(_ kind: EntityKind, where reference: EntityReference?, limit: Int, offset: Int) async throws -> [JSON] {
        try await base.listEntities(kind, where: reference, limit: limit, offset: offset)
    }
    func countEntities(_ kind: EntityKind, where reference: EntityReference?) async throws -> Int {
        try await base.countEntities(kind, where: reference)
    }

    func appendAuditLog(_ entry: AuditLogEntry) async throws { try await base.appendAuditLog(entry) }
    func auditLogs(objectType: String?, objectID: String?, limit: Int) async throws -> [AuditLogEntry] {
        try await base.auditLogs(objectType: objectType, objectID: objectID, limit: limit)
    }
}

/// `counting-sqlite-store`: ``KeyCountingStore`` as a storage plugin (`{"path": ...}`).
enum KeyCountingStorePlugin: Plugin {
    static let id = "counting-sqlite-store"
    static var isStorage: Bool { true }

    struct Configuration: PluginConfiguration {
        static let keys: Set<String> = ["path"]
        var path: String
    }

    static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        PluginComponents(store: try KeyCountingStore(path: configuration.path))
    }
}
