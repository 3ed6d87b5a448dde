import GatewayCore
import Testing

@testable import PostgresStore

/// Budget leases and rate windows on a real Postgres (``SharedLimitStore``): grants never take the budget or the
/// rpm limit past its value across instances, spend moves from the writer's lease to the counter, expired leases hold
/// nothing.
@Suite("Postgres shared limits", .enabled(if: PostgresTestDatabase.isEnabled, "TOLLGATE_SKIP_POSTGRES=1"))
struct PostgresSharedLimitTests {
    static let scope = SpendScope(.key, "key-shared")

    static func ask(_ instance: String, target: Int64, minimum: Int64, max: Int64 = 1000, now: Double = 100, ttl: Double = 30)
        -> BudgetLeaseRequest
    {
        BudgetLeaseRequest(scope: scope, instanceID: instance, maxBudget: max, target: target, minimum: minimum, expiresAt: now + ttl, now: now)
    }

    @Test("leases never hold more than the budget beside the counter; spend moves from the writer's lease; trims and expiry free room")
    func leasesKeepTheBudget() async throws {
        try await PostgresTestDatabase.withStore { store in
            _ = try await store.migrate()
            let shared = try #require(store.sharedLimits)
            let a = try await shared.leaseBudget(Self.ask("a", target: 600, minimum: 100))
            #expect(a.granted == 600 && a.held == 600)
            let b = try await shared.leaseBudget(Self.ask("b", target: 600, minimum: 100))
            #expect(b.granted == 400, "only what a left: \(b)")
            #expect(b.othersHeld == 600)
            let c = try await shared.leaseBudget(Self.ask("c", target: 100, minimum: 1))
            #expect(c.granted == 0 && c.othersHeld == 1000, "nothing left, nothing written: \(c)")

            // An unexpired lease never shrinks by a smaller ask.
            #expect(try await shared.leaseBudget(Self.ask("a", target: 50, minimum: 0)).granted == 600)

            // a's spend lands: the counter grows and a's lease holds that much less, in one transaction.
            let entry = SpendLogEntry(
                requestID: "r-1", callType: "chat_completions", startTime: 1, endTime: 2, keyHash: Self.scope.id, model: "m",
                spend: SpendUnits.usd(300),
                status: "success")
            try await store.appendSpendLogs([entry], instanceID: "a")
            let units = entry.spendUnits
            #expect(try await store.spendCounter(Self.scope)?.units == units)
            let after = try await shared.leaseBudget(Self.ask("c", target: 100, minimum: 1))
            #expect(after.granted == 0 && after.counted == units && after.othersHeld == 1000 - units, "\(after)")

            // a hands back what it does not use: c gets it.
            try await shared.trimBudgetLease(Self.scope, instanceID: "a", toGranted: units)
            let trimmed = try await shared.leaseBudget(Self.ask("c", target: 300, minimum: 100))
            #expect(trimmed.granted == 300, "\(trimmed)")

            // b's lease expires (its instance died): its 400 are free again.
            let late = try await shared.leaseBudget(Self.ask("c", target: 1000, minimum: 301, now: 200))
            #expect(late.granted == 1000 - units, "a holds nothing, b expired, c may hold the rest: \(late)")
        }
    }

    @Test("concurrent grants from several instances never pass the budget")
    func concurrentGrants() async throws {
        try await PostgresTestDatabase.withStore { store in
            _ = try await store.migrate()
            let shared = try #require(store.sharedLimits)
            let granted = try await withThrowingTaskGroup(of: Int64.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        // Each asks for 100 more than what it already holds.
                        let instance = "i\(index % 4)"
                        var total: Int64 = 0
                        for _ in 0..<3 {
                            let current = try await shared.leaseBudget(Self.ask(instance, target: 0, minimum: 0)).granted
                            let lease = try await shared.leaseBudget(Self.ask(instance, target: current + 100, minimum: current + 100))
                            if lease.granted >= current + 100 { total += 1 }
                        }
                        return total
                    }
                }
                var sum: Int64 = 0
                for try await count in group { sum += count }
                return sum
            }
            var held: Int64 = 0
            for index in 0..<4 { held += try await shared.leaseBudget(Self.ask("i\(index)", target: 0, minimum: 0)).held }
            #expect(held <= 1000, "leases hold \(held) of a 1000 budget")
            #expect(held == 1000, "the budget is fully leased in 100s")
            #expect(granted >= 10)
        }
    }

    @Test("rate windows lease requests within the rpm limit and sum tokens over instances")
    func rateWindows() async throws {
        try await PostgresTestDatabase.withStore { store in
            _ = try await store.migrate()
            let shared = try #require(store.sharedLimits)
            func ask(_ instance: String, _ requests: Int, tokens: Int = 0, window: Double = 60) -> RateWindowRequest {
                RateWindowRequest(
                    scope: Self.scope, instanceID: instance, windowStart: window, requestLimit: 10, requests: requests, minimumRequests: 1,
                    tokens: tokens)
            }
            #expect(try await shared.leaseRateWindow(ask("a", 6, tokens: 100)) == RateWindowLease(requests: 6, totalRequests: 6, totalTokens: 100))
            #expect(try await shared.leaseRateWindow(ask("b", 6, tokens: 50)) == RateWindowLease(requests: 4, totalRequests: 10, totalTokens: 150))
            #expect(try await shared.leaseRateWindow(ask("c", 1)) == RateWindowLease(requests: 0, totalRequests: 10, totalTokens: 150))
            // A lower token report never lowers the stored count.
            #expect(try await shared.leaseRateWindow(ask("a", 0, tokens: 20)).totalTokens == 150)
            // The next window starts empty.
            #expect(try await shared.leaseRateWindow(ask("c", 3, window: 120)) == RateWindowLease(requests: 3, totalRequests: 3, totalTokens: 0))
        }
    }
}
