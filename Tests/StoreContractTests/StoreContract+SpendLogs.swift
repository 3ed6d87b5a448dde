import GatewayCore
import Testing

extension StoreContract {
    static func spendLogRoundTripsEveryField(_ store: any GatewayStore) async throws {
        let full = StoreFixtures.fullEntry(requestID: "req-full")
        let bare = SpendLogEntry(requestID: "req-bare", callType: "embeddings", startTime: 5, endTime: 6, model: "text-embed", status: "failure")
        try await store.appendSpendLogs([full, bare])
        #expect(try await store.spendLog(requestID: "req-full") == full)
        #expect(try await store.spendLog(requestID: "req-bare") == bare)
        #expect(try await store.spendLog(requestID: "req-absent") == nil)
    }

    static func recentSpendLogsAreNewestFirst(_ store: any GatewayStore) async throws {
        #expect(try await store.recentSpendLogs(limit: 5) == [])
        try await store.appendSpendLogs([StoreFixtures.entry("req-b", start: 200), StoreFixtures.entry("req-a", start: 100)])
        try await store.appendSpendLogs([StoreFixtures.entry("req-d", start: 400), StoreFixtures.entry("req-c", start: 300)])
        try await store.appendSpendLogs([])
        #expect(try await store.recentSpendLogs(limit: 3).map(\.requestID) == ["req-d", "req-c", "req-b"])
        #expect(try await store.recentSpendLogs(limit: 10).map(\.requestID) == ["req-d", "req-c", "req-b", "req-a"])
        #expect(try await store.recentSpendLogs(limit: 0) == [])
    }

    static func totalSpendSumsOneKey(_ store: any GatewayStore) async throws {
        try await store.appendSpendLogs([
            StoreFixtures.entry("req-1", start: 1, keyHash: "key-a", spend: 0.25),
            StoreFixtures.entry("req-2", start: 2, keyHash: "key-a", spend: 1.125),
            StoreFixtures.entry("req-3", start: 3, keyHash: "key-b", spend: 4),
            StoreFixtures.entry("req-4", start: 4, keyHash: nil, spend: 8),
        ])
        #expect(try await store.totalSpend(keyHash: "key-a") == 1.375)
        #expect(try await store.totalSpend(keyHash: "key-b") == 4)
        #expect(try await store.totalSpend(keyHash: "key-none") == 0)
    }

    static func duplicateRequestIDsAreIgnored(_ store: any GatewayStore) async throws {
        let first = StoreFixtures.entry("req-x", start: 1, keyHash: "key-a", spend: 0.5)
        try await store.appendSpendLogs([first, StoreFixtures.entry("req-y", start: 2, keyHash: "key-a", spend: 0.25)])
        // A retried flush: the same request again (with other values), plus a new one.
        var retried = first
        retried.spend = 100
        retried.status = "failure"
        try await store.appendSpendLogs([retried, StoreFixtures.entry("req-z", start: 3, keyHash: "key-a", spend: 2)])
        // A batch holding one request twice keeps the first.
        try await store.appendSpendLogs([
            StoreFixtures.entry("req-w", start: 4, keyHash: "key-a", spend: 1), StoreFixtures.entry("req-w", start: 4, keyHash: "key-a", spend: 64),
        ])
        #expect(try await store.spendLog(requestID: "req-x") == first, "the stored entry is untouched")
        #expect(try await store.spendLog(requestID: "req-z") != nil, "the rest of the batch is stored")
        #expect(try await store.spendLog(requestID: "req-w")?.spend == 1)
        #expect(try await store.totalSpend(keyHash: "key-a") == 3.75, "each request counts once")
        #expect(try await store.recentSpendLogs(limit: 10).count == 4)
    }
}
