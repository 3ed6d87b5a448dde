import GatewayCore
import SQLiteStore
import Testing

@testable import Budgets

/// In-memory spend against the store's counters: loaded at startup, merged on reconcile (max per period).
@Suite("spend memory")
struct SpendMemoryTests {
    static let team = SpendScope(.team, "eng")
    static let principal = Principal.caller(teamID: "eng", budgets: [ScopedLimits(team, BudgetLimits(maxBudget: 10))])

    @Test("a new plugin instance over the same store file starts from the stored counters")
    func restartRestoresCounters() async throws {
        try await BudgetHarness.with { harness in
            do {
                let hook = try await harness.enforcer()
                let request = harness.request(Self.principal, tags: ["prod"])
                _ = try await hook.reserve(request)
                await hook.finish(request, cost: 10.5)
                // What the spend-log plugin flushes for that request.
                try await harness.appendStoredSpend(10.5, for: Self.principal, tags: ["prod"])
            }
            let restarted = try await harness.enforcer(["tag_budgets": ["prod": ["max_budget": 20]]], store: try harness.reopenedStore())
            #expect(restarted.spend(Self.team) == 10.5)
            #expect(restarted.spend(SpendScope(.tag, "prod")) == 10.5)
            #expect(restarted.spend(.global) == 10.5)
            let error = try #require(await restarted.rejection(harness.request(Self.principal)))
            #expect(error.message == "Budget has been exceeded! team 'eng': spend 10.500000 USD, max budget 10.000000 USD.")
        }
    }

    @Test("reconcile adds another instance's spend, and keeps this instance's unflushed spend when it is larger")
    func reconcileKeepsTheLarger() async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer()
            let request = harness.request(Self.principal)
            _ = try await hook.reserve(request)
            await hook.finish(request, cost: 4)

            try await harness.appendStoredSpend(3, for: Self.principal)
            try await hook.reconcile()
            #expect(hook.spend(Self.team) == 4, "memory's 4 USD (not yet flushed) beat the store's 3")

            try await harness.appendStoredSpend(7, for: Self.principal)
            try await hook.reconcile()
            #expect(hook.spend(Self.team) == 10, "the store's 10 USD, counting the other instance's 7")
            #expect(await hook.rejection(harness.request(Self.principal))?.code == "budget_exceeded")
        }
    }
}
