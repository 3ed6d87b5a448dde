import GatewayCore
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

@testable import Budgets

/// Alerts fire once per crossing of a soft budget, of `alert_threshold` × max budget and of the max budget, and
/// reach the webhook as JSON.
@Suite("budget alerts")
struct BudgetAlertTests {
    static let team = SpendScope(.team, "eng")
    static let principal = Principal.caller(
        teamID: "eng", budgets: [ScopedLimits(team, BudgetLimits(maxBudget: 10, softBudget: 5, budgetDuration: "1d"))])

    @Test("each threshold alerts once, in order, and the webhook receives the JSON")
    func crossingsReachTheWebhook() async throws {
        try await BudgetHarness.with { harness in
            try await WebhookReceiver.withRunning { url, receiver in
                let hook = try await harness.enforcer(["alert_webhook_url": .string(url), "alert_threshold": 0.8])
                let sender = try #require(hook.alerts)
                let start = harness.clock.now
                // Six requests in flight at once, finishing one by one: spend 4 (nothing), 6 (soft 5), 7 (nothing),
                // 9 (threshold 8), 10 (max 10), 11 (nothing: already past every threshold).
                var inFlight: [GatewayRequest] = []
                for _ in 0..<6 {
                    let request = harness.request(Self.principal)
                    _ = try await hook.reserve(request)
                    inFlight.append(request)
                }
                for (request, cost) in zip(inFlight, [4.0, 2, 1, 2, 1, 1]) {
                    harness.clock.advance(1)
                    await hook.finish(request, cost: cost)
                }
                await sender.sendQueued()
                let bodies = await receiver.bodies
                #expect(bodies.map { $0["type"]?.stringValue } == ["soft_budget_crossed", "budget_threshold_crossed", "budget_exceeded"])
                #expect(
                    bodies.first
                        == [
                            "type": "soft_budget_crossed", "scope": ["kind": "team", "id": "eng"], "spend": 6.0, "threshold": 5.0,
                            "max_budget": 10.0, "soft_budget": 5.0, "timestamp": .double(start + 2),
                        ])
                #expect(bodies.map { $0["threshold"]?.doubleValue } == [5, 8, 10])
                #expect(bodies.map { $0["spend"]?.doubleValue } == [6, 9, 10])

                // A reset re-arms the alerts.
                harness.clock.set(start + 86_400)
                let request = harness.request(Self.principal)
                _ = try await hook.reserve(request)
                await hook.finish(request, cost: 5)
                await sender.sendQueued()
                #expect(await receiver.bodies.count == 4)
                #expect(await receiver.bodies.last?["type"]?.stringValue == "soft_budget_crossed")
            }
        }
    }

    @Test("one commit crossing several thresholds fires each once; the alert service delivers them")
    func oneCommitSeveralCrossings() async throws {
        try await BudgetHarness.with { harness in
            try await WebhookReceiver.withRunning { url, receiver in
                let hook = try await harness.enforcer(["alert_webhook_url": .string(url)])
                let sender = try #require(hook.alerts)
                try await testGracefulShutdown { shutdown in
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await sender.run() }
                        let request = harness.request(Self.principal)
                        _ = try await hook.reserve(request)
                        await hook.finish(request, cost: 12)
                        for _ in 0..<200 where await receiver.bodies.count < 3 { try await Task.sleep(for: .milliseconds(10)) }
                        shutdown.triggerGracefulShutdown()
                        try await group.waitForAll()
                    }
                }
                #expect(
                    await receiver.bodies.map { $0["type"]?.stringValue } == ["soft_budget_crossed", "budget_threshold_crossed", "budget_exceeded"])
            }
        }
    }

    @Test("a global soft budget alerts; an unreachable webhook is logged, not thrown, within the 5 s timeout")
    func unreachableWebhook() async throws {
        try await BudgetHarness.with { harness in
            let hook = try await harness.enforcer(["soft_budget": 1, "alert_webhook_url": "http://127.0.0.1:9/alerts"])
            let request = harness.request(.caller())
            _ = try await hook.reserve(request)
            await hook.finish(request, cost: 1)
            await hook.alerts?.sendQueued()
        }
    }

    @Test("crossings are computed exactly in spend units; alert_threshold 1 adds no separate warning")
    func crossingRules() {
        let scoped = ScopedLimits(Self.team, BudgetLimits(maxBudget: 1, softBudget: 0.3))
        let units = SpendUnits.units
        #expect(BudgetAlert.crossings(scoped, before: units(0.1), after: units(0.3), alertThreshold: 0.8, at: 0).map(\.kind) == [.softBudgetCrossed])
        #expect(BudgetAlert.crossings(scoped, before: units(0.3), after: units(0.5), alertThreshold: 0.8, at: 0).isEmpty, "already past soft")
        #expect(BudgetAlert.crossings(scoped, before: units(0.5), after: units(1), alertThreshold: 1, at: 0).map(\.kind) == [.budgetExceeded])
        #expect(
            BudgetAlert.crossings(scoped, before: 0, after: units(2), alertThreshold: 0.8, at: 0).map(\.kind)
                == [.softBudgetCrossed, .thresholdCrossed, .budgetExceeded])
    }
}
