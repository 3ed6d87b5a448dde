import GatewayCore
import Testing

/// Spend log reads by filter: which rows, in which order, in which pages, and their totals.
extension StoreContract {
    /// Rows across two keys, users and teams; `rep-c` and `rep-d` share a start time.
    private static let reportRows = [
        StoreFixtures.entry("rep-a", start: 100, keyHash: "key-a", userID: "u1", teamID: "t1", spend: 0.0000123),
        StoreFixtures.entry("rep-b", start: 200, keyHash: "key-a", userID: "u2", teamID: "t1", spend: 0.1),
        StoreFixtures.entry("rep-c", start: 300, keyHash: "key-b", userID: "u1", teamID: "t2", spend: 0.2),
        StoreFixtures.entry("rep-d", start: 300, keyHash: "key-a", userID: "u1", teamID: nil, spend: 0.3),
        StoreFixtures.entry("rep-e", start: 400, keyHash: nil, userID: nil, teamID: "t2", spend: 0),
    ]

    static func spendLogsFilterPageAndOrder(_ store: any GatewayStore) async throws {
        #expect(try await store.spendLogs(SpendLogFilter(), limit: 10, offset: 0) == [])
        try await store.appendSpendLogs(Array(reportRows.reversed()))

        func ids(_ filter: SpendLogFilter, limit: Int = 10, offset: Int = 0) async throws -> [String] {
            try await store.spendLogs(filter, limit: limit, offset: offset).map(\.requestID)
        }
        #expect(try await ids(SpendLogFilter()) == ["rep-e", "rep-d", "rep-c", "rep-b", "rep-a"], "newest first, ties by request id")
        #expect(try await store.spendLogs(SpendLogFilter(), limit: 1, offset: 0) == [reportRows[4]], "whole entries")
        #expect(try await ids(SpendLogFilter(keyHash: "key-a")) == ["rep-d", "rep-b", "rep-a"])
        #expect(try await ids(SpendLogFilter(userID: "u1")) == ["rep-d", "rep-c", "rep-a"])
        #expect(try await ids(SpendLogFilter(teamID: "t2")) == ["rep-e", "rep-c"])
        #expect(try await ids(SpendLogFilter(start: 200, end: 400)) == ["rep-d", "rep-c", "rep-b"], "start inclusive, end exclusive")
        #expect(try await ids(SpendLogFilter(start: 300)) == ["rep-e", "rep-d", "rep-c"])
        #expect(try await ids(SpendLogFilter(end: 300)) == ["rep-b", "rep-a"])
        #expect(try await ids(SpendLogFilter(keyHash: "key-a", userID: "u1", start: 100, end: 300)) == ["rep-a"], "every field must match")
        #expect(try await ids(SpendLogFilter(keyHash: "key-none")) == [])

        #expect(try await ids(SpendLogFilter(), limit: 2, offset: 0) == ["rep-e", "rep-d"])
        #expect(try await ids(SpendLogFilter(), limit: 2, offset: 2) == ["rep-c", "rep-b"])
        #expect(try await ids(SpendLogFilter(), limit: 2, offset: 4) == ["rep-a"])
        #expect(try await ids(SpendLogFilter(), limit: 2, offset: 5) == [])
        #expect(try await ids(SpendLogFilter(userID: "u1"), limit: 1, offset: 1) == ["rep-c"])
        #expect(try await ids(SpendLogFilter(), limit: 0) == [])

        // `requestID` matches the request id or the response id; response ids need not be unique.
        var first = StoreFixtures.entry("rid-1", start: 500)
        first.responseID = "chatcmpl-shared"
        var second = StoreFixtures.entry("rid-2", start: 600)
        second.responseID = "chatcmpl-shared"
        try await store.appendSpendLogs([first, second])
        #expect(try await ids(SpendLogFilter(requestID: "chatcmpl-shared")) == ["rid-2", "rid-1"])
        #expect(try await store.spendLogs(SpendLogFilter(requestID: "rid-1"), limit: 10, offset: 0) == [first], "the response id is stored")
        #expect(try await ids(SpendLogFilter(keyHash: "key-none", requestID: "rid-1")) == [], "with the other fields")
        #expect(try await ids(SpendLogFilter(requestID: "rep-a")) == ["rep-a"], "rows without a response id")
        #expect(try await store.spendSummary(SpendLogFilter(requestID: "chatcmpl-shared")).requests == 2)
        #expect(try await store.spendLog(requestID: "chatcmpl-shared") == nil, "spendLog(requestID:) reads request ids only")
    }

    static func spendSummaryTotalsAFilter(_ store: any GatewayStore) async throws {
        #expect(try await store.spendSummary(SpendLogFilter()) == SpendSummary())
        try await store.appendSpendLogs(reportRows)
        var full = StoreFixtures.fullEntry(requestID: "rep-full")
        full.keyHash = "key-a"
        try await store.appendSpendLogs([full])

        func expected(_ rows: [SpendLogEntry]) -> SpendSummary {
            SpendSummary(
                requests: rows.count, units: rows.reduce(0) { $0 + $1.spendUnits }, promptTokens: rows.reduce(0) { $0 + $1.promptTokens },
                completionTokens: rows.reduce(0) { $0 + $1.completionTokens })
        }
        let all = reportRows + [full]
        #expect(try await store.spendSummary(SpendLogFilter()) == expected(all))
        #expect(try await store.spendSummary(SpendLogFilter(keyHash: "key-a")) == expected(all.filter { $0.keyHash == "key-a" }))
        #expect(try await store.spendSummary(SpendLogFilter(teamID: "t2", start: 300, end: 301)) == expected([reportRows[2]]))
        #expect(try await store.spendSummary(SpendLogFilter(userID: "u-none")) == SpendSummary())
        let summary = try await store.spendSummary(SpendLogFilter(keyHash: "key-a"))
        #expect(summary.units == 123_000 + 1_000_000_000 + 3_000_000_000 + 1_230_000, "exact integer units")
        #expect(summary.completionTokens == 5_000_000_060, "token sums beyond 32 bits")
    }
}
