import GatewayCore
import GatewayTesting
import Synchronization
import Testing

/// The routing plugin's strategies and cooldowns end to end, over several loopback upstreams.
@Suite struct RoutingPluginStrategyTests {
    @Test func routingPluginWeightedShuffleSplitsTrafficByWeight() async throws {
        try await RoutingPluginFixture.withGateway(
            ["heavy", "light"], deploymentExtra: ["heavy": "weight: 3", "light": "weight: 1"],
            routerSettings: ["routing_strategy: simple-shuffle"]
        ) { gateway, upstreams in
            for _ in 0..<200 {
                let reply = try await RoutingPluginFixture.chat(gateway)
                #expect(reply.status == 200, "\(reply.body)")
            }
            let heavy = try #require(upstreams["heavy"]).calls
            let light = try #require(upstreams["light"]).calls
            #expect(heavy + light == 200)
            // Expected 150 of 200 (standard deviation about 6): far from an even split and from all-or-nothing.
            #expect((125...175).contains(heavy), "heavy \(heavy), light \(light)")
        }
    }

    @Test func routingPluginLeastBusyAvoidsTheBusyUpstream() async throws {
        try await RoutingPluginFixture.withGateway(["slow", "quick"], routerSettings: ["routing_strategy: least-busy"]) { gateway, upstreams in
            let slow = try #require(upstreams["slow"])
            let quick = try #require(upstreams["quick"])
            // Calls to the slow upstream wait until released, however long the test takes on a loaded machine. (With
            // a fixed 10 s delay, the parked calls ended while a loaded run was still sending its ten requests; the
            // upstreams were then both idle and the ties went either way.)
            slow.set(holding: true)
            // Released on every way out: held calls would keep the upstream's shutdown, and the test run, waiting.
            defer { slow.set(holding: false) }
            // Park calls on the slow upstream: send until one lands there (an idle tie may send the first ones to
            // the quick one), then let every sent call arrive and those on the quick upstream finish.
            let finished = FinishedCalls()
            var parked: [Task<Int, any Error>] = []
            while slow.calls == 0, parked.count < 20 {
                parked.append(
                    Task {
                        let status = try await RoutingPluginFixture.chat(gateway).status
                        finished.count.add(1, ordering: .relaxed)
                        return status
                    })
                try await Task.sleep(for: .milliseconds(100))
            }
            let deadline = ContinuousClock.now + .seconds(20)
            while slow.calls + quick.calls < parked.count || finished.count.load(ordering: .relaxed) < parked.count - slow.calls,
                ContinuousClock.now < deadline
            {
                try await Task.sleep(for: .milliseconds(20))
            }
            try #require(slow.calls >= 1)
            // While they are held there, the slow upstream has calls in flight and the quick one none between these
            // one-at-a-time requests, so each goes to the quick upstream first. A request whose call failed there is
            // retried on the slow one (its headers say so); a strategy blind to in-flight calls sends about five.
            var busyFirst = 0
            for _ in 0..<10 {
                let reply = try await RoutingPluginFixture.chat(gateway)
                #expect(reply.status == 200)
                let retried = (Int(reply.header("x-litellm-attempted-retries") ?? "0") ?? 0) > 0
                if reply.header("x-litellm-model-id") != "quick", !retried { busyFirst += 1 }
            }
            #expect(busyFirst == 0, "\(busyFirst) of 10 went to the busy upstream first")
            slow.set(holding: false)
            for task in parked { #expect(try await task.value == 200) }
        }
    }

    @Test func routingPluginLatencyBasedPrefersTheFasterUpstream() async throws {
        let ttl = 3.0
        try await RoutingPluginFixture.withGateway(
            ["tortoise", "hare"], routerSettings: ["routing_strategy: latency-based-routing", "routing_strategy_args: {ttl: \(ttl)}"]
        ) { gateway, upstreams in
            let tortoise = try #require(upstreams["tortoise"])
            let hare = try #require(upstreams["hare"])
            // Far slower than any stall a loaded machine adds to the hare.
            tortoise.set(delay: .milliseconds(1500))
            var retried = 0
            let started = ContinuousClock.now
            for _ in 0..<20 {
                let reply = try await RoutingPluginFixture.chat(gateway)
                #expect(reply.status == 200, "\(reply.body)")
                if (Int(reply.header("x-litellm-attempted-retries") ?? "0") ?? 0) > 0 { retried += 1 }
            }
            let elapsed = (ContinuousClock.now - started).inSeconds
            // Each is measured once, then the hare is called first; the tortoise is probed again only when its
            // average is `ttl` old, so at most once per `ttl` of the run (a loaded machine makes the run longer, not
            // the bound looser). A first hare sample slowed by a cold connection expires the same way: CI once sent
            // 19 of 20 to the tortoise when averages never expired. A call that failed on the hare is retried on the
            // tortoise, and its headers say so.
            let bound = 2 + Int(elapsed / ttl) + retried
            #expect(tortoise.calls <= bound, "tortoise \(tortoise.calls), hare \(hare.calls), \(elapsed) s, retried \(retried)")
            #expect(hare.calls > tortoise.calls, "tortoise \(tortoise.calls), hare \(hare.calls)")
        }
    }

    @Test func routingPluginCoolsDownAFailingUpstream() async throws {
        try await RoutingPluginFixture.withGateway(
            ["broken", "working"], routerSettings: ["allowed_fails: 0", "cooldown_time: 60"]
        ) { gateway, upstreams in
            let broken = try #require(upstreams["broken"])
            broken.set(failing: true)
            var failures = 0
            for _ in 0..<20 {
                let reply = try await RoutingPluginFixture.chat(gateway)
                if reply.status != 200 { failures += 1 }
            }
            #expect(broken.calls <= 1, "a cooled-down deployment receives no traffic: \(broken.calls)")
            // The one call that failed was tried again on the working deployment in the same request.
            #expect(failures == 0)
            #expect(try #require(upstreams["working"]).calls == 20)
            // `/routing/deployments` shows the cooldown, without probing anything.
            let state = try #require(
                try await gateway.get("/routing/deployments", key: RoutingPluginFixture.masterKey).json?["deployments"]?.arrayValue)
            #expect(state.count == 2)
            #expect(state.compactMap { $0["cooling_down"]?.boolValue }.sorted { !$0 && $1 } == [false, true])
            #expect(state.allSatisfy { $0["health"] == .null && $0["model_name"] == "pool" })
            #expect(broken.calls <= 1, "reading the state sent nothing upstream")
        }
    }
}

/// How many parked calls have come back (shared with the tasks that made them).
private final class FinishedCalls: Sendable {
    let count = Atomic<Int>(0)
}
