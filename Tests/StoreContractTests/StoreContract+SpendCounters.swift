import GatewayCore
import Testing

/// Spend counters: kept by `appendSpendLogs` in the transaction of the rows they count, exactly, once per row.
extension StoreContract {
    static func countersEqualTheirRowsForEveryScope(_ store: any GatewayStore) async throws {
        let entries = [
            SpendLogEntry(
                requestID: "c-1", callType: "chat_completions", startTime: 1, endTime: 2, keyHash: "key-a", userID: "u1", teamID: "t1",
                endUser: "shop-1", organizationID: "o1", projectID: "p1", tags: ["prod", "prod", "eu"], model: "m", spend: 0.0000123,
                status: "success"),
            SpendLogEntry(
                requestID: "c-2", callType: "chat_completions", startTime: 2, endTime: 3, keyHash: "key-a", userID: "u2", teamID: "t1",
                organizationID: "o1", tags: ["prod"], model: "m", spend: 0.1, status: "success"),
            SpendLogEntry(
                requestID: "c-3", callType: "chat_completions", startTime: 3, endTime: 4, keyHash: "key-b", userID: "u1", endUser: "shop-1",
                projectID: "p1", model: "m", spend: 1.000_000_000_07, status: "success"),
            SpendLogEntry(requestID: "c-4", callType: "embeddings", startTime: 4, endTime: 5, model: "m", spend: 0.3, status: "success"),
            // A failure costs nothing and counts nothing.
            SpendLogEntry(requestID: "c-5", callType: "chat_completions", startTime: 5, endTime: 6, keyHash: "key-c", model: "m", status: "failure"),
        ]
        try await store.appendSpendLogs(Array(entries.prefix(2)))
        try await store.appendSpendLogs(Array(entries.dropFirst(2)))

        func units(_ scope: SpendScope) -> Int64 {
            entries.filter { $0.scopes.contains(scope) }.reduce(0) { $0 + $1.spendUnits }
        }
        let scopes = Set(entries.flatMap(\.scopes)).subtracting([SpendScope(.key, "key-c")])
        for scope in scopes {
            #expect(try await store.spendCounter(scope)?.units == units(scope), "\(scope)")
        }
        #expect(units(SpendScope(.tag, "prod")) == entries[0].spendUnits + entries[1].spendUnits, "a repeated tag counts once")
        #expect(try await store.spendCounter(SpendScope(.teamMember, "t1:u1"))?.units == entries[0].spendUnits)
        #expect(try await store.spendCounter(SpendScope(.key, "key-c")) == nil, "nothing counted, nothing stored")
        #expect(try await store.spendCounter(SpendScope(.team, "t-none")) == nil)

        // The counters equal the summaries of the same rows, to the unit.
        let summaries: [(SpendScope, SpendLogFilter)] = [
            (.global, SpendLogFilter()), (SpendScope(.key, "key-a"), SpendLogFilter(keyHash: "key-a")),
            (SpendScope(.key, "key-b"), SpendLogFilter(keyHash: "key-b")), (SpendScope(.user, "u1"), SpendLogFilter(userID: "u1")),
            (SpendScope(.user, "u2"), SpendLogFilter(userID: "u2")), (SpendScope(.team, "t1"), SpendLogFilter(teamID: "t1")),
        ]
        for (scope, filter) in summaries {
            #expect(try await store.spendCounter(scope)?.units == store.spendSummary(filter).units, "\(scope)")
        }

        let all = try await store.spendCounters()
        #expect(Set(all.map(\.scope)) == scopes)
        #expect(zip(all, all.dropFirst()).allSatisfy { ($0.scope.kind.rawValue, $0.scope.id) < ($1.scope.kind.rawValue, $1.scope.id) })
        #expect(all.allSatisfy { $0.units == units($0.scope) && $0.budgetResetAt == nil })
    }

    static func concurrentAppendsCountExactly(_ store: any GatewayStore) async throws {
        // Costs with no exact binary fraction: summed as doubles they would drift in the last bits.
        let batches = (0..<40).map { task in
            (0..<25).map { row in
                let n = task * 25 + row
                return StoreFixtures.entry(
                    "conc-\(n)", start: Double(n), keyHash: "key-\(n % 3)", userID: "user-\(n % 4)", teamID: "team-\(n % 2)",
                    spend: 0.0000123 * Double(n % 7 + 1) + 0.000_000_001_1 * Double(n))
            }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for batch in batches { group.addTask { try await store.appendSpendLogs(batch) } }
            try await group.waitForAll()
        }
        let rows = batches.flatMap { $0 }
        func expected(_ included: (SpendLogEntry) -> Bool) -> Int64 {
            rows.filter(included).reduce(0) { $0 + SpendUnits.units($1.spend) }
        }
        #expect(try await store.spendCounter(.global)?.units == expected { _ in true })
        for index in 0..<3 {
            #expect(try await store.spendCounter(SpendScope(.key, "key-\(index)"))?.units == expected { $0.keyHash == "key-\(index)" })
        }
        for index in 0..<4 {
            #expect(try await store.spendCounter(SpendScope(.user, "user-\(index)"))?.units == expected { $0.userID == "user-\(index)" })
        }
        for index in 0..<2 {
            #expect(try await store.spendCounter(SpendScope(.team, "team-\(index)"))?.units == expected { $0.teamID == "team-\(index)" })
        }
        let summary = try await store.spendSummary(SpendLogFilter())
        #expect(summary.requests == 1000)
        #expect(summary.units == expected { _ in true })
    }

    static func retriedBatchesAddNothing(_ store: any GatewayStore) async throws {
        let batch = [
            StoreFixtures.entry("r-1", start: 1, userID: "u1", spend: 0.0000123),
            StoreFixtures.entry("r-2", start: 2, userID: "u1", spend: 0.25),
        ]
        try await store.appendSpendLogs(batch)
        let before = try await store.spendCounters()
        // A retried flush, with other values for the same requests.
        try await store.appendSpendLogs(
            batch.map {
                var entry = $0; entry.spend = 7; return entry
            })
        #expect(try await store.spendCounters() == before)
        // One stored request and one new one: only the new one counts; a request twice in one batch counts once, as its first copy.
        try await store.appendSpendLogs([
            batch[0], StoreFixtures.entry("r-3", start: 3, userID: "u1", spend: 0.5), StoreFixtures.entry("r-3", start: 3, userID: "u1", spend: 64),
        ])
        let added = SpendUnits.units(0.5)
        #expect(try await store.spendCounter(SpendScope(.user, "u1"))?.units == batch[0].spendUnits + batch[1].spendUnits + added)
        #expect(try await store.spendCounter(SpendScope(.key, "key-a"))?.units == store.spendCounter(SpendScope(.user, "u1"))?.units)
        #expect(try await store.spendSummary(SpendLogFilter(userID: "u1")).units == store.spendCounter(.global)?.units)
    }

    static func budgetResetsAreScheduledOnceAndCompareAndSet(_ store: any GatewayStore) async throws {
        let team = SpendScope(.team, "t1")
        #expect(try await store.scheduleBudgetReset(team, at: 1000) == 1000)
        #expect(try await store.spendCounter(team) == SpendCounter(scope: team, units: 0, budgetResetAt: 1000), "created at 0")
        #expect(try await store.scheduleBudgetReset(team, at: 2000) == 1000, "the first schedule stands")
        try await store.appendSpendLogs([StoreFixtures.entry("b-1", start: 1, teamID: "t1", spend: 0.75)])
        #expect(try await store.spendCounter(team) == SpendCounter(scope: team, units: SpendUnits.units(0.75), budgetResetAt: 1000))

        #expect(try await !store.resetSpend(team, expectedResetAt: 2000, nextResetAt: 3000), "another reset time: no reset")
        #expect(try await store.spendCounter(team)?.units == SpendUnits.units(0.75))
        #expect(try await store.resetSpend(team, expectedResetAt: 1000, nextResetAt: 3000))
        #expect(try await store.spendCounter(team) == SpendCounter(scope: team, units: 0, budgetResetAt: 3000))
        #expect(try await !store.resetSpend(team, expectedResetAt: 1000, nextResetAt: 5000), "a second instance finds it done")
        #expect(try await store.spendCounter(team)?.budgetResetAt == 3000)
        try await store.appendSpendLogs([StoreFixtures.entry("b-2", start: 2, teamID: "t1", spend: 0.5)])
        #expect(try await store.spendCounter(team)?.units == SpendUnits.units(0.5), "counting starts again from 0")

        #expect(try await !store.resetSpend(SpendScope(.team, "t-none"), expectedResetAt: 1000, nextResetAt: 2000))
        #expect(try await store.spendCounter(SpendScope(.team, "t-none")) == nil, "a reset never creates a counter")
        // A counter created by spend has no reset time until one is scheduled.
        let key = SpendScope(.key, "key-a")
        #expect(try await store.spendCounter(key)?.budgetResetAt == nil)
        #expect(try await store.scheduleBudgetReset(key, at: 4000.5) == 4000.5)
        #expect(try await store.spendCounter(key) == SpendCounter(scope: key, units: SpendUnits.units(1.25), budgetResetAt: 4000.5))

        // Instances racing: one schedule wins and all see it; one reset wins.
        let user = SpendScope(.user, "racer")
        let scheduled = try await withThrowingTaskGroup(of: Double.self) { group in
            for index in 0..<8 { group.addTask { try await store.scheduleBudgetReset(user, at: Double(100 + index)) } }
            return try await group.reduce(into: Set<Double>()) { $0.insert($1) }
        }
        #expect(scheduled.count == 1)
        let resetAt = try #require(scheduled.first)
        let resets = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 { group.addTask { try await store.resetSpend(user, expectedResetAt: resetAt, nextResetAt: resetAt + 60) } }
            return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(resets == 1)
    }
}
