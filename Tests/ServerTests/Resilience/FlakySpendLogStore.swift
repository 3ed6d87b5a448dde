import GatewayCore
import SQLiteStore
import Synchronization

/// A real SQLite store behind a switch, for the spend writer's outage tests: `down` fails a write before it
/// reaches the database, `ackLost` lets the write land and then fails it (a reply lost on the way back), once.
/// Every batch handed to it is recorded, so a test sees the order rows were written in.
final class FlakySpendLogStore: SpendLogStore {
    enum Mode { case up, down, ackLost }
    struct Outage: Error {}

    let store: SQLiteGatewayStore
    private let state = Mutex<(mode: Mode, batches: [[String]])>((.up, []))

    init(_ store: SQLiteGatewayStore) { self.store = store }

    func set(_ mode: Mode) { state.withLock { $0.mode = mode } }

    /// The request ids of every batch handed to the store, failed ones included.
    var batches: [[String]] { state.withLock { $0.batches } }

    func appendSpendLogs(_ entries: [SpendLogEntry]) async throws {
        let mode = state.withLock { state in
            state.batches.append(entries.map(\.requestID))
            defer { if state.mode == .ackLost { state.mode = .up } }
            return state.mode
        }
        if mode == .down { throw Outage() }
        try await store.appendSpendLogs(entries)
        if mode == .ackLost { throw Outage() }
    }

    func spendLog(requestID: String) async throws -> SpendLogEntry? { try await store.spendLog(requestID: requestID) }
    func recentSpendLogs(limit: Int) async throws -> [SpendLogEntry] { try await store.recentSpendLogs(limit: limit) }
    func totalSpend(keyHash: String) async throws -> Double { try await store.totalSpend(keyHash: keyHash) }
    func spendLogs(_ filter: SpendLogFilter, limit: Int, offset: Int) async throws -> [SpendLogEntry] {
        try await store.spendLogs(filter, limit: limit, offset: offset)
    }
    func spendSummary(_ filter: SpendLogFilter) async throws -> SpendSummary { try await store.spendSummary(filter) }
}
