import Foundation
import GatewayCore
import SQLiteStore
import Testing

@testable import Budgets

/// `budget_duration`: the first check schedules a reset in the store, spend resets to 0 when it falls due (on
/// the next request, or by the sweep without traffic), and the next reset moves on by one duration.
@Suite("budget reset")
struct BudgetResetTests {
    static let team = SpendScope(.team, "eng")

    static func principal(duration: String, maxBudget: Double = 1) -> Principal {
        .caller(teamID: "eng", budgets: [ScopedLimits(team, BudgetLimits(maxBudget: maxBudget, budgetDuration: duration))])
    }

    @Test("the first check schedules the reset; at the reset the store counter is zeroed and the next reset moved")
    func resetOnNextRequest() async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer()
            let principal = Self.principal(duration: "1h")
            let start = harness.clock.now
            let request = harness.request(principal)
            #expect(await hook.rejection(request) == nil)
            #expect(try await harness.store.spendCounter(Self.team)?.budgetResetAt == start + 3600)
            await hook.finish(request, cost: 1.5)
            try await harness.appendStoredSpend(1.5, for: principal)
            #expect(await hook.rejection(harness.request(principal))?.code == "budget_exceeded")

            harness.clock.advance(3599)
            #expect(await hook.rejection(harness.request(principal))?.code == "budget_exceeded", "one second before the reset")
            harness.clock.advance(1)
            #expect(await hook.rejection(harness.request(principal)) == nil, "spend was reset")
            let counter = try #require(try await harness.store.spendCounter(Self.team))
            #expect(counter.units == 0)
            #expect(counter.budgetResetAt == start + 7200)
            #expect(hook.spend(Self.team) == 0)
            #expect(hook.resetAt(Self.team) == start + 7200)
        }
    }

    @Test("the sweep resets due spend without traffic")
    func sweepWithoutTraffic() async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer()
            let principal = Self.principal(duration: "30s")
            let request = harness.request(principal)
            _ = try await hook.reserve(request)
            await hook.finish(request, cost: 2)
            try await harness.appendStoredSpend(2, for: principal)
            harness.clock.advance(30)
            await hook.sweep()
            let counter = try #require(try await harness.store.spendCounter(Self.team))
            #expect(counter.units == 0)
            #expect(counter.budgetResetAt == harness.clock.now + 30)
            #expect(hook.spend(Self.team) == 0)
        }
    }

    @Test("1mo resets on the same day of the next calendar month (UTC)")
    func calendarMonth() async throws {
        try await BudgetHarness.with { harness in
            // 2027-01-31 12:00:00 UTC: one month later is 2027-02-28 12:00:00 UTC.
            let januaryEnd = 1_801_396_800.0
            let februaryEnd = januaryEnd + 28 * 86_400
            harness.clock.set(januaryEnd)
            let hook = try await harness.enforcer()
            let principal = Self.principal(duration: "1mo")
            let request = harness.request(principal)
            _ = try await hook.reserve(request)
            #expect(try await harness.store.spendCounter(Self.team)?.budgetResetAt == februaryEnd)
            await hook.finish(request, cost: 1)
            try await harness.appendStoredSpend(1, for: principal)

            harness.clock.set(februaryEnd - 1)
            #expect(await hook.rejection(harness.request(principal))?.code == "budget_exceeded")
            harness.clock.set(februaryEnd)
            #expect(await hook.rejection(harness.request(principal)) == nil)
            let counter = try #require(try await harness.store.spendCounter(Self.team))
            #expect(counter.units == 0)
            // 2027-02-28 + 1mo = 2027-03-28.
            #expect(counter.budgetResetAt == februaryEnd + 28 * 86_400)
        }
    }

    @Test("of two instances due at once, one resets the store and the other takes its result")
    func twoInstancesResetOnce() async throws {
        try await BudgetHarness.with { harness in
            let first = try await harness.enforcer()
            let second = try await harness.enforcer(store: try harness.reopenedStore())
            let principal = Self.principal(duration: "1d")
            _ = try await first.reserve(harness.request(principal))
            _ = try await second.reserve(harness.request(principal))
            try await harness.appendStoredSpend(3, for: principal)
            try await first.reconcile()
            try await second.reconcile()
            let start = harness.clock.now

            harness.clock.advance(86_400)
            #expect(await first.rejection(harness.request(principal)) == nil)
            try await harness.appendStoredSpend(0.25, for: principal)
            #expect(await second.rejection(harness.request(principal)) == nil, "its reset lost the race; it read the store")
            #expect(second.spend(Self.team) == 0.25, "the new period's spend, not the old period's 3 USD")
            #expect(second.resetAt(Self.team) == start + 2 * 86_400)
            #expect(try await harness.store.spendCounter(Self.team)?.units == SpendUnits.units(0.25), "reset once")
        }
    }

    @Test("a stored reset time from before a restart is kept, and an overdue one resets at once")
    func storedResetTimeSurvivesRestart() async throws {
        try await BudgetHarness.with { harness in
            let principal = Self.principal(duration: "1h")
            let start = harness.clock.now
            do {
                let hook = try await harness.enforcer()
                _ = try await hook.reserve(harness.request(principal))
                try await harness.appendStoredSpend(5, for: principal)
            }
            harness.clock.advance(1800)
            let restarted = try await harness.enforcer(store: try harness.reopenedStore())
            #expect(restarted.resetAt(Self.team) == start + 3600, "loaded from the store, not scheduled anew")
            #expect(await restarted.rejection(harness.request(principal))?.code == "budget_exceeded")

            harness.clock.advance(7200)
            let late = try await harness.enforcer(store: try harness.reopenedStore())
            #expect(await late.rejection(harness.request(principal)) == nil, "the overdue reset ran on the first request")
            #expect(try await harness.store.spendCounter(Self.team)?.budgetResetAt == harness.clock.now + 3600)
        }
    }
}
