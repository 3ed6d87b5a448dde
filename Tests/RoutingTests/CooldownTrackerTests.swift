import GatewayCore
import HTTPTypes
import Testing

@testable import Routing

/// Cooldowns on a manual clock: entry after more than `allowed_fails`, exit after `cooldown_time`, 429
/// `retry-after`, client errors ignored, success resets, and the safety net.
@Suite struct CooldownTrackerTests {
    let request = RoutingHarness.request()
    let a = RoutingHarness.deployment("a")
    let b = RoutingHarness.deployment("b")

    @Test func aDeploymentCoolsDownAfterMoreThanAllowedFailsAndComesBackAfterCooldownTime() async throws {
        let clock = ManualClock()
        let router = RoutingHarness.router(RoutingHarness.settings(.costBased, allowedFails: 2, cooldownTime: 5), clock: clock)
        for _ in 0..<2 { await router.record(a, outcome: RoutingHarness.outcome(a, error: .badGateway("down"))) }
        #expect(!router.isCoolingDown("a"), "two failures are allowed")
        #expect(try await router.route(request, candidates: [a, b]).contains { $0.id == "a" })
        await router.record(a, outcome: RoutingHarness.outcome(a, error: .gatewayTimeout("slow")))
        #expect(router.isCoolingDown("a"))
        #expect(try await router.route(request, candidates: [a, b]).map(\.id) == ["b"])
        clock.advance(4.9)
        #expect(try await router.route(request, candidates: [a, b]).map(\.id) == ["b"])
        clock.advance(0.2)
        #expect(Set(try await router.route(request, candidates: [a, b]).map(\.id)) == ["a", "b"])
    }

    @Test func failuresOutsideTheWindowDoNotAddUp() {
        var tracker = CooldownTracker(allowedFails: 1, cooldownTime: 5, window: 60)
        tracker.record("a", error: .badGateway("x"), retryAfter: nil, at: 0)
        tracker.record("a", error: .badGateway("x"), retryAfter: nil, at: 61)
        #expect(!tracker.isCoolingDown("a", at: 61))
        tracker.record("a", error: .badGateway("x"), retryAfter: nil, at: 62)
        #expect(tracker.isCoolingDown("a", at: 62))
    }

    @Test func aSuccessResetsTheCount() {
        var tracker = CooldownTracker(allowedFails: 1, cooldownTime: 5, window: 60)
        tracker.record("a", error: .badGateway("x"), retryAfter: nil, at: 0)
        tracker.record("a", error: nil, retryAfter: nil, at: 1)
        tracker.record("a", error: .badGateway("x"), retryAfter: nil, at: 2)
        #expect(!tracker.isCoolingDown("a", at: 2))
    }

    @Test func clientErrorsDoNotCount() {
        var tracker = CooldownTracker(allowedFails: 0, cooldownTime: 5, window: 60)
        for status in [400, 404, 413, 422] {
            let error = GatewayError(status: .init(code: status), message: "bad input", type: "invalid_request_error")
            tracker.record("a", error: error, retryAfter: nil, at: 0)
        }
        #expect(!tracker.isCoolingDown("a", at: 0))
        tracker.record("a", error: .rateLimited("slow down"), retryAfter: nil, at: 0)
        #expect(tracker.isCoolingDown("a", at: 0), "allowed_fails 0: the first retryable failure cools down")
    }

    @Test func a429WithRetryAfterCoolsDownForThatLongAtOnceBounded() {
        var tracker = CooldownTracker(allowedFails: 3, cooldownTime: 5, window: 60)
        let end = tracker.record("a", error: .rateLimited("slow down"), retryAfter: 20, at: 100)
        #expect(end == 120)
        #expect(tracker.isCoolingDown("a", at: 119.9))
        #expect(!tracker.isCoolingDown("a", at: 120))
        let bounded = tracker.record("b", error: .rateLimited("slow down"), retryAfter: 86_400, at: 100)
        #expect(bounded == 100 + RoutingSettings.maxRetryAfterCooldown)
        // A 503 with retry-after is not the upstream's rate limit: it counts as a failure like any other.
        #expect(tracker.record("c", error: .unavailable("busy"), retryAfter: 20, at: 100) == nil)
    }

    @Test func cooldownTimeZeroTurnsCountedCooldownsOff() {
        var tracker = CooldownTracker(allowedFails: 0, cooldownTime: 0, window: 60)
        tracker.record("a", error: .badGateway("x"), retryAfter: nil, at: 0)
        #expect(!tracker.isCoolingDown("a", at: 0))
    }

    @Test func safetyNetReturnsTheDeploymentWhoseCooldownEndsSoonest() async throws {
        let clock = ManualClock()
        let router = RoutingHarness.router(RoutingHarness.settings(.simpleShuffle, allowedFails: 0, cooldownTime: 5), clock: clock)
        await router.record(a, outcome: RoutingHarness.outcome(a, error: .badGateway("down")))
        clock.advance(1)
        await router.record(b, outcome: RoutingHarness.outcome(b, error: .badGateway("down")))
        #expect(router.isCoolingDown("a") && router.isCoolingDown("b"))
        #expect(try await router.route(request, candidates: [a, b]).map(\.id) == ["a"], "a's cooldown ends first")
        #expect(try await router.route(request, candidates: [b]).map(\.id) == ["b"])
        #expect(try await router.route(request, candidates: []).isEmpty)
    }

    @Test func sweepDropsEndedCooldowns() {
        var tracker = CooldownTracker(allowedFails: 0, cooldownTime: 5, window: 60)
        tracker.record("a", error: .badGateway("x"), retryAfter: nil, at: 0)
        tracker.prune(at: 10)
        #expect(tracker.cooldownEnds.isEmpty)
    }
}
