import GatewayCore

/// A `GatewayStore` in memory, for tests of plugins that write to the store. `failNextAppends` makes the next
/// `appendSpendLogs` calls throw, to exercise retries.
actor InMemoryStore: GatewayStore {
    struct Outage: Error {}

    nonisolated let kind: String
    private(set) var keys: [String: VirtualKeyRecord] = [:]
    private(set) var spendLogs: [SpendLogEntry] = []
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

    func insertKey(_ key: VirtualKeyRecord) async throws {
        guard keys[key.keyHash] == nil else { throw StoreError.conflict("key exists") }
        keys[key.keyHash] = key
    }

    func key(hash: String) async throws -> VirtualKeyRecord? { keys[hash] }

    func updateKey(_ key: VirtualKeyRecord) async throws {
        guard keys[key.keyHash] != nil else { throw StoreError.notFound("no such key") }
        keys[key.keyHash] = key
    }

    func deleteKey(hash: String) async throws -> Bool { keys.removeValue(forKey: hash) != nil }

    func listKeys(limit: Int, offset: Int) async throws -> [VirtualKeyRecord] {
        Array(keys.values.sorted { $0.createdAt < $1.createdAt }.dropFirst(offset).prefix(limit))
    }

    // MARK: SpendLogStore

    func appendSpendLogs(_ entries: [SpendLogEntry]) async throws {
        appendAttempts += 1
        if appendDelay > .zero { try await Task.sleep(for: appendDelay) }
        if failuresRemaining > 0 {
            failuresRemaining -= 1
            throw Outage()
        }
        let known = Set(spendLogs.map(\.requestID))
        spendLogs += entries.filter { !known.contains($0.requestID) }
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
