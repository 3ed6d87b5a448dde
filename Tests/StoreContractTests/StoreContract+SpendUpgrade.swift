import GatewayCore
import Testing

/// What migration 5 must make of spend log rows an older Tollgate wrote (no organization, project, tags or spend
/// units): each store's upgrade test writes ``legacySpendRows`` with its own SQL, migrates, then checks
/// ``expectSpendUpgraded(_:)``.
extension StoreContract {
    /// Rows with only the columns of schema 4. Costs near half a unit check the backfill rounds as `SpendUnits` does;
    /// teams `a:b` + user `c` and `a` + user `b:c` name the same team member id, as they would when appended.
    static let legacySpendRows = [
        legacyRow("old-1", keyHash: "key-a", userID: "u1", teamID: "t1", endUser: "shop", spend: 0.000_000_000_05),
        legacyRow("old-2", keyHash: "key-a", userID: "u2", teamID: "t1", endUser: nil, spend: 0.000_000_000_15),
        legacyRow("old-3", keyHash: "key-b", userID: "u1", teamID: nil, endUser: "shop", spend: 0.000_000_000_25),
        legacyRow("old-4", keyHash: nil, userID: nil, teamID: "t2", endUser: nil, spend: 0.0000123),
        legacyRow("old-5", keyHash: "key-b", userID: "c", teamID: "a:b", endUser: nil, spend: 3.14159),
        legacyRow("old-6", keyHash: "key-b", userID: "b:c", teamID: "a", endUser: nil, spend: 2.5e-10),
        legacyRow("old-7", keyHash: "key-c", userID: "u3", teamID: "t3", endUser: nil, spend: 0),
    ]

    private static func legacyRow(
        _ requestID: String, keyHash: String?, userID: String?, teamID: String?, endUser: String?, spend: Double
    ) -> SpendLogEntry {
        SpendLogEntry(
            requestID: requestID, callType: "chat_completions", startTime: 10, endTime: 11, keyHash: keyHash, userID: userID,
            teamID: teamID, endUser: endUser, model: "gpt-4o", promptTokens: 3, completionTokens: 4, spend: spend, status: "success")
    }

    /// The rows read back unchanged, their units are `SpendUnits.units(spend)`, and every scope they name has a
    /// counter equal to its rows.
    static func expectSpendUpgraded(_ store: any GatewayStore) async throws {
        for row in legacySpendRows {
            #expect(try await store.spendLog(requestID: row.requestID) == row)
        }
        let total = legacySpendRows.reduce(Int64(0)) { $0 + $1.spendUnits }
        #expect(try await store.spendSummary(SpendLogFilter()).units == total)
        let keyB = legacySpendRows.filter { $0.keyHash == "key-b" }.reduce(Int64(0)) { $0 + $1.spendUnits }
        #expect(try await store.spendSummary(SpendLogFilter(keyHash: "key-b")).units == keyB)

        var expected: [SpendScope: Int64] = [:]
        for row in legacySpendRows where row.spendUnits > 0 {
            for scope in row.scopes { expected[scope, default: 0] += row.spendUnits }
        }
        let counters = try await store.spendCounters()
        #expect(Dictionary(uniqueKeysWithValues: counters.map { ($0.scope, $0.units) }) == expected)
        #expect(expected[SpendScope(.teamMember, "a:b:c")] == legacySpendRows[4].spendUnits + legacySpendRows[5].spendUnits)
        #expect(counters.allSatisfy { $0.budgetResetAt == nil })

        // New rows count on top of the backfilled counters.
        try await store.appendSpendLogs([StoreFixtures.entry("new-1", start: 20, keyHash: "key-a", spend: 0.5)])
        #expect(try await store.spendCounter(SpendScope(.key, "key-a"))?.units == expected[SpendScope(.key, "key-a")]! + SpendUnits.units(0.5))
    }
}
