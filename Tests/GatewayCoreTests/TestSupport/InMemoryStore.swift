import GatewayCore

/// A `GatewayStore` in memory, for tests of plugins that write to the store. `failNextAppends` makes the next
/// `appendSpendLogs` calls throw, to exercise retries.
actor InMemoryStore: GatewayStore {
    struct Outage: Error {}

    nonisolated let kind: String
    private(set) var keys: [String: VirtualKeyRecord] = [:]
    private(set) var spendLogs: [SpendLogEntry] = []
    private(set) var entities: [EntityKind: [String: JSON]] = [:]
    private(set) var auditLog: [AuditLogEntry] = []
    /// Spend per scope (`InMemoryStore+SpendCounters.swift`); `appendSpendLogs` adds each new row's units.
    var counters: [SpendScope: SpendCounter] = [:]
    /// Every `appendSpendLogs` call that succeeded, with its entries' request ids.
    private(set) var appendedBatches: [[String]] = []
    private(set) var appendAttempts = 0
    private var failuresRemaining: Int
    /// How long each `appendSpendLogs` takes: a slow but healthy database.
    private let appendDelay: Duration

    init(kind: String = "memory", failNextAppends: Int = 0, appendDelay: Duration = .zero) {
        self.kind = kind
        self.failuresRemaining = failNextAppends
        self.appendDelay = appendDelay
    }

    func failNextAppends(_ count: Int) { failuresRemaining = count }

    var spendLogRequestIDs: [String] { spendLogs.map(\.requestID) }

    // MARK: KeyStore

    func insertKey(_ key: VirtualKeyRecord, audit: AuditLogEntry?) async throws {
        guard keys[key.keyHash] == nil else { throw StoreError.conflict("key exists") }
        try checkAudit(audit)
        keys[key.keyHash] = key
        if let audit { auditLog.append(audit) }
    }

    func key(hash: String) async throws -> VirtualKeyRecord? { keys[hash] }

    func updateKey(_ key: VirtualKeyRecord, audit: AuditLogEntry?) async throws {
        guard keys[key.keyHash] != nil else { throw StoreError.notFound("no such key") }
        try checkAudit(audit)
        keys[key.keyHash] = key
        if let audit { auditLog.append(audit) }
    }

    func deleteKey(hash: String, audit: AuditLogEntry?) async throws -> Bool {
        guard keys[hash] != nil else { return false }
        try checkAudit(audit)
        keys[hash] = nil
        if let audit { auditLog.append(audit) }
        return true
    }

    func listKeys(where reference: EntityReference?, limit: Int, offset: Int) async throws -> [VirtualKeyRecord] {
        let matching = try keys.values.filter { key in
            switch reference?.field {
            case nil: true
            case .teamID: key.teamID == reference?.value
            case .userID: key.userID == reference?.value
            case .organizationID: throw StoreError.unsupportedKeyFilter(.organizationID)
            }
        }
        return Array(matching.sorted { ($0.createdAt, $0.keyHash) < ($1.createdAt, $1.keyHash) }.dropFirst(offset).prefix(limit))
    }

    func countKeys(where reference: EntityReference?) async throws -> Int {
        try await listKeys(where: reference, limit: Int.max, offset: 0).count
    }

    func keys(alias: String) async throws -> [VirtualKeyRecord] {
        keys.values.filter { $0.keyAlias == alias }.sorted { ($0.createdAt, $0.keyHash) < ($1.createdAt, $1.keyHash) }
    }

    // MARK: EntityStore

    func insertEntity(_ kind: EntityKind, id: String, document: JSON, audit: AuditLogEntry) async throws {
        guard entities[kind, default: [:]][id] == nil else { throw StoreError.conflict("\(kind.rawValue) exists") }
        try checkAudit(audit)
        entities[kind, default: [:]][id] = document
        auditLog.append(audit)
    }

    func updateEntity(_ kind: EntityKind, id: String, document: JSON, audit: AuditLogEntry) async throws {
        guard entities[kind, default: [:]][id] != nil else { throw StoreError.notFound("no such \(kind.rawValue)") }
        try checkAudit(audit)
        entities[kind, default: [:]][id] = document
        auditLog.append(audit)
    }

    func changeEntity(
        _ kind: EntityKind, id: String, change: @escaping @Sendable (JSON?) throws -> JSON?,
        audit: @escaping @Sendable (_ before: JSON?, _ after: JSON) -> AuditLogEntry
    ) async throws -> JSON? {
        let before = entities[kind, default: [:]][id]
        guard let after = try change(before) else { return nil }
        let entry = audit(before, after)
        try checkAudit(entry)
        entities[kind, default: [:]][id] = after
        auditLog.append(entry)
        return after
    }

    func deleteEntity(_ kind: EntityKind, id: String, audit: AuditLogEntry) async throws -> Bool {
        guard entities[kind, default: [:]][id] != nil else { return false }
        try checkAudit(audit)
        entities[kind, default: [:]][id] = nil
        auditLog.append(audit)
        return true
    }

    func entity(_ kind: EntityKind, id: String) async throws -> JSON? { entities[kind]?[id] }

    func listEntities(_ kind: EntityKind, where reference: EntityReference?, limit: Int, offset: Int) async throws -> [JSON] {
        let matching = (entities[kind] ?? [:]).filter { _, document in
            reference.map { document[$0.field.rawValue]?.stringValue == $0.value } ?? true
        }
        return Array(matching.sorted { $0.key < $1.key }.map(\.value).dropFirst(offset).prefix(limit))
    }

    func countEntities(_ kind: EntityKind, where reference: EntityReference?) async throws -> Int {
        try await listEntities(kind, where: reference, limit: Int.max, offset: 0).count
    }

    // MARK: AuditLogStore

    func appendAuditLog(_ entry: AuditLogEntry) async throws {
        try checkAudit(entry)
        auditLog.append(entry)
    }

    func auditLogs(objectType: String?, objectID: String?, limit: Int) async throws -> [AuditLogEntry] {
        let matching = auditLog.filter { entry in
            (objectType.map { $0 == entry.objectType } ?? true) && (objectID.map { $0 == entry.objectID } ?? true)
        }
        return Array(matching.sorted { ($0.timestamp, $0.id) > ($1.timestamp, $1.id) }.prefix(limit))
    }

    /// Rejects an audit row whose id is taken before anything is written, as a store's transaction would roll back.
    private func checkAudit(_ entry: AuditLogEntry?) throws {
        if let entry, auditLog.contains(where: { $0.id == entry.id }) { throw StoreError.conflict("audit row exists") }
    }

    // MARK: SpendLogStore

    func appendSpendLogs(_ entries: [SpendLogEntry]) async throws {
        appendAttempts += 1
        if appendDelay > .zero { try await Task.sleep(for: appendDelay) }
        if failuresRemaining > 0 {
            failuresRemaining -= 1
            throw Outage()
        }
        var known = Set(spendLogs.map(\.requestID))
        for entry in entries where known.insert(entry.requestID).inserted {
            spendLogs.append(entry)
            for scope in entry.scopes where entry.spendUnits > 0 {
                counters[scope, default: SpendCounter(scope: scope, units: 0)].units += entry.spendUnits
            }
        }
        appendedBatches.append(entries.map(\.requestID))
    }

    func spendLog(requestID: String) async throws -> SpendLogEntry? { spendLogs.first { $0.requestID == requestID } }

    func recentSpendLogs(limit: Int) async throws -> [SpendLogEntry] { Array(spendLogs.reversed().prefix(limit)) }

    func totalSpend(keyHash: String) async throws -> Double {
        spendLogs.filter { $0.keyHash == keyHash }.map(\.spend).reduce(0, +)
    }

    // MARK: GatewayStore

    func migrate() async throws -> [Int] { [] }
    func schemaVersion() async throws -> Int { 0 }
    func checkHealth() async throws {}
}
