import Synchronization
import Testing

@testable import GatewayCore

/// A database of access groups that counts its reads and can be made to fail.
final class FakeGroupSource: Sendable {
    private struct State {
        var records: [AccessGroupRecord]
        var failing = false
        var reads = 0
        var failures: [String] = []
    }

    private let state: Mutex<State>

    init(_ records: [AccessGroupRecord] = AccessFixtures.records) { state = Mutex(State(records: records)) }

    var reads: Int { state.withLock { $0.reads } }
    var loggedFailures: [String] { state.withLock { $0.failures } }
    func setRecords(_ records: [AccessGroupRecord]) { state.withLock { $0.records = records } }
    func setFailing(_ failing: Bool) { state.withLock { $0.failing = failing } }
    func log(_ error: any Error) { state.withLock { $0.failures.append("\(error)") } }

    func load() throws -> [AccessGroupRecord] {
        try state.withLock { state in
            state.reads += 1
            if state.failing { throw StoreError.migration("access group table unreachable") }
            return state.records
        }
    }
}

struct AccessGroupMembershipTests {
    typealias F = AccessFixtures
    let clock = ManualClock()
    let source = FakeGroupSource()

    func membership(ttl: Duration = .seconds(60), failureTTL: Duration = .seconds(5)) -> AccessGroupMembership {
        let source = source
        let clock = clock
        return AccessGroupMembership(
            deployments: F.deployments, ttl: ttl, failureTTL: failureTTL, loadGroups: { try source.load() },
            onLoadFailure: { source.log($0) }, now: { clock.now })
    }

    @Test func missThenHitLoadsOnce() async {
        let membership = membership()
        let first = await membership.graph()
        let second = await membership.graph()
        #expect(first.models(in: "everything").contains("o1"))
        #expect(first == second)
        #expect(source.reads == 1)
        #expect(membership.statistics.loads == 1)
        #expect(membership.cacheStatistics.hits >= 1)
    }

    @Test func invalidationForcesAReload() async {
        let membership = membership()
        _ = await membership.graph()
        source.setRecords(F.records + [F.record("vision", ["claude-3"])])
        #expect(!(await membership.graph()).isGroup("vision"))
        membership.invalidate()
        #expect((await membership.graph()).isGroup("vision"))
        #expect(source.reads == 2)
        #expect(membership.statistics.invalidations == 1)
    }

    @Test func entryExpiresAfterTTLButNotBefore() async {
        let membership = membership(ttl: .seconds(60))
        _ = await membership.graph()
        clock.advance(by: .seconds(59))
        _ = await membership.graph()
        #expect(source.reads == 1)
        clock.advance(by: .seconds(1))
        _ = await membership.graph()
        #expect(source.reads == 2)
    }

    @Test func failingLoadDegradesToFlatConfigGroupsWithoutThrowing() async {
        source.setFailing(true)
        let membership = membership(failureTTL: .seconds(5))
        let snapshot = await membership.snapshot()
        #expect(snapshot.degraded)
        #expect(snapshot.graph.models(in: "openai-models") == ["gpt-4o", "gpt-4o-mini"])
        #expect(!snapshot.graph.isGroup("everything"))
        #expect(source.loggedFailures.count == 1)
        #expect(source.loggedFailures[0].contains("unreachable"))
        #expect(membership.statistics.failedLoads == 1)

        // The fallback is cached for failureTTL: one attempt per interval, not one per request.
        _ = await membership.snapshot()
        #expect(source.reads == 1)

        source.setFailing(false)
        clock.advance(by: .seconds(5))
        let recovered = await membership.snapshot()
        #expect(!recovered.degraded)
        #expect(recovered.graph.models(in: "everything").contains("o1"))
        #expect(source.reads == 2)
    }

    @Test func deploymentUpdateInvalidatesAndRebuildsConfigGroups() async {
        let membership = membership()
        _ = await membership.graph()
        membership.updateDeployments(F.deployments + [F.deployment("gemini", "gemini", "gemini-2.0", groups: ["google"])])
        let graph = await membership.graph()
        #expect(graph.models(in: "google") == ["gemini"])
        #expect(source.reads == 2)
    }

    @Test func concurrentMissesShareOneLoad() async {
        let source = source
        let gate = AsyncStream.makeStream(of: Void.self)
        let membership = AccessGroupMembership(
            deployments: F.deployments,
            loadGroups: {
                for await _ in gate.stream { break }
                return try source.load()
            })
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<32 { group.addTask { await membership.graph().isGroup("everything") } }
            // Let the 32 readers pile up on the one pending load, then release it.
            try? await Task.sleep(for: .milliseconds(50))
            gate.continuation.yield()
            for await found in group { #expect(found) }
        }
        #expect(source.reads == 1)
        #expect(membership.statistics.loads == 1)
    }

    @Test func loadRacingAnInvalidationIsNotCached() async {
        let source = source
        let started = AsyncStream.makeStream(of: Void.self)
        let gate = AsyncStream.makeStream(of: Void.self)
        let membership = AccessGroupMembership(
            deployments: F.deployments,
            loadGroups: {
                let records = try source.load()  // the read sees the state before the write
                started.continuation.yield()
                for await _ in gate.stream { break }
                return records
            })
        let reader = Task { await membership.graph() }
        for await _ in started.stream { break }
        source.setRecords(F.records + [F.record("vision", ["claude-3"])])
        membership.invalidate()  // the write lands while the read is in flight
        gate.continuation.yield()
        #expect(!(await reader.value).isGroup("vision"))  // its own caller gets the old read
        gate.continuation.yield()
        #expect((await membership.graph()).isGroup("vision"))  // but it was never cached
        #expect(source.reads == 2)
    }
}
