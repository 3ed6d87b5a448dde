/// The spend log: one row per finished request, written in batches behind the request path.
public protocol SpendLogStore: Sendable {
    /// Appends entries in one transaction, and in the same transaction adds each new entry's spend to the
    /// counter of each of its scopes (``SpendCounterStore``). Entries whose `requestID` is already stored are
    /// ignored (their spend is not counted again), so a retried flush never double-counts.
    func appendSpendLogs(_ entries: [SpendLogEntry]) async throws
    /// ``appendSpendLogs(_:)`` written by one gateway instance: a store with ``GatewayStore/sharedLimits`` also moves
    /// each new row's spend out of that instance's budget leases, in the same transaction (``SharedLimitStore``).
    func appendSpendLogs(_ entries: [SpendLogEntry], instanceID: String?) async throws
    /// The entry of one request by its request id (not its response id: see ``SpendLogFilter/requestID``), or nil.
    func spendLog(requestID: String) async throws -> SpendLogEntry?
    /// The newest entries first.
    func recentSpendLogs(limit: Int) async throws -> [SpendLogEntry]
    /// Total spend in USD recorded for a key hash.
    func totalSpend(keyHash: String) async throws -> Double
    /// Entries matching the filter, newest first (equal start times by request id).
    func spendLogs(_ filter: SpendLogFilter, limit: Int, offset: Int) async throws -> [SpendLogEntry]
    /// Totals over the entries matching the filter.
    func spendSummary(_ filter: SpendLogFilter) async throws -> SpendSummary
    /// The folder of the `spend-log` plugin's journal when plugins.json names none: one per database, since rows
    /// left in a journal are replayed into the store of whichever gateway opens it next.
    var spendJournalDirectory: String { get }
}

extension SpendLogStore {
    /// A store without budget leases has nothing to move: the rows are appended as ``appendSpendLogs(_:)`` does.
    public func appendSpendLogs(_ entries: [SpendLogEntry], instanceID: String?) async throws {
        try await appendSpendLogs(entries)
    }

    /// `tollgate-spend-journal`, in the working directory.
    public var spendJournalDirectory: String { "tollgate-spend-journal" }
}

/// Which spend log rows to read; every set field must match. Times are seconds since 1970 on `start_time`,
/// `start` inclusive and `end` exclusive.
public struct SpendLogFilter: Sendable, Hashable {
    public var keyHash: String?
    public var userID: String?
    public var teamID: String?
    public var start: Double?
    public var end: Double?
    /// A request id or a response id (``SpendLogEntry/responseID``): a row matches when either column equals it
    /// (both are indexed).
    public var requestID: String?

    public init(
        keyHash: String? = nil, userID: String? = nil, teamID: String? = nil, start: Double? = nil, end: Double? = nil, requestID: String? = nil
    ) {
        self.keyHash = keyHash
        self.userID = userID
        self.teamID = teamID
        self.start = start
        self.end = end
        self.requestID = requestID
    }
}

/// Totals over spend log rows. `units` is the exact sum of the rows' ``SpendLogEntry/spendUnits``.
public struct SpendSummary: Sendable, Hashable {
    public var requests: Int
    public var units: Int64
    public var promptTokens: Int
    public var completionTokens: Int

    public init(requests: Int = 0, units: Int64 = 0, promptTokens: Int = 0, completionTokens: Int = 0) {
        self.requests = requests
        self.units = units
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }

    public var spend: Double { SpendUnits.usd(units) }
}
