import GatewayCore
import Synchronization
import Testing

@testable import Routing

/// Cooldowns shared between instances: a cooldown this router starts is announced once; one announced by another
/// instance is adopted (until its end) and never announced again, so nothing echoes between instances.
@Suite struct SharedCooldownTests {
    let request = RoutingHarness.request()
    let a = RoutingHarness.deployment("a")
    let b = RoutingHarness.deployment("b")

    /// A feed that records what is announced; nothing is delivered.
    final class RecordingFeed: StoreChangeFeed {
        let announced = Mutex<[StoreChange]>([])
        func observe(_ observer: @escaping @Sendable (StoreChange) -> Void) {}
        func announce(_ change: StoreChange) { announced.withLock { $0.append(change) } }
    }

    @Test func aCooldownThisInstanceStartsIsAnnouncedWithItsEnd() async {
        let clock = ManualClock()
        let feed = RecordingFeed()
        let router = DeploymentRouter(
            settings: RoutingHarness.settings(.costBased, allowedFails: 0, cooldownTime: 30), health: nil, random: .seeded(1), changes: feed,
            clock: clock.function)
        await router.record(a, outcome: RoutingHarness.outcome(a))
        #expect(feed.announced.withLock { $0 }.isEmpty, "a success announces nothing")
        await router.record(a, outcome: RoutingHarness.outcome(a, error: .badGateway("down")))
        #expect(feed.announced.withLock { $0 } == [.cooldown(deploymentID: "a", until: clock.now + 30)])
    }

    @Test func aCooldownAnotherInstanceStartedIsAvoidedUntilItsEndAndNotAnnouncedAgain() async throws {
        let clock = ManualClock()
        let feed = RecordingFeed()
        let router = DeploymentRouter(
            settings: RoutingHarness.settings(.costBased, allowedFails: 0, cooldownTime: 30), health: nil, random: .seeded(1), changes: feed,
            clock: clock.function)
        router.adoptCooldown("a", until: clock.now + 10)
        router.adoptCooldown("b", until: clock.now - 1)
        #expect(try await router.route(request, candidates: [a, b]).map(\.id) == ["b"], "an ended cooldown is ignored")
        #expect(feed.announced.withLock { $0 }.isEmpty)
        // An earlier end does not shorten the cooldown.
        router.adoptCooldown("a", until: clock.now + 5)
        clock.advance(9)
        #expect(router.isCoolingDown("a"))
        clock.advance(1.1)
        #expect(!router.isCoolingDown("a"))
    }
}
