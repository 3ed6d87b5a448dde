import Testing

@testable import GatewayCore

/// Access groups while the database is down: the groups last read keep being served (stale-on-error), so a key
/// that relies on a database group is not refused because of the outage.
struct AccessGroupMembershipStaleTests {
    typealias F = AccessFixtures
    let clock = ManualClock()
    let source = FakeGroupSource()

    @Test func aFailingReloadServesTheGroupsLastRead() async {
        let source = source
        let clock = clock
        let membership = AccessGroupMembership(
            deployments: F.deployments, ttl: .seconds(60), failureTTL: .seconds(5), loadGroups: { try source.load() },
            onLoadFailure: { source.log($0) }, now: { clock.now })
        #expect((await membership.graph()).models(in: "everything").contains("o1"))

        source.setFailing(true)
        clock.advance(by: .seconds(60))
        let stale = await membership.snapshot()
        #expect(!stale.degraded)
        #expect(stale.graph.models(in: "everything").contains("o1"), "the database group outlives the outage")
        #expect(source.loggedFailures.count == 1)

        // A write in this process drops what was read: a failing load then has config groups only.
        membership.invalidate()
        let degraded = await membership.snapshot()
        #expect(degraded.degraded)
        #expect(!degraded.graph.isGroup("everything"))
    }
}
