/// The spend log: one row per finished request, written in batches behind the request path.
public protocol SpendLogStore: Sendable {
    /// Appends entries in one transaction. Entries whose `requestID` is already stored are ignored, so a retried
    /// flush never double-counts.
    func appendSpendLogs(_ entries: [SpendLogEntry]) async throws
    /// The entry of one request, or nil.
    func spendLog(requestID: String) async throws -> SpendLogEntry?
    /// The newest entries first.
    func recentSpendLogs(limit: Int) async throws -> [SpendLogEntry]
    /// Total spend in USD recorded for a key hash.
    func totalSpend(keyHash: String) async throws -> Double
}
