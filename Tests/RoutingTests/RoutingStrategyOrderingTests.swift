import GatewayCore
import HTTPTypes
import Testing

@testable import Routing

/// least-busy, latency-based, usage-based and cost-based through the hook's `started`/`record`/`route`.
@Suite struct RoutingStrategyOrderingTests {
    let request = RoutingHarness.request()

    @Test func leastBusyPicksTheIdleDeployment() async throws {
        let router = RoutingHarness.router(RoutingHarness.settings(.leastBusy))
        let busy = RoutingHarness.deployment("busy")
        let idle = RoutingHarness.deployment("idle")
        await router.started(busy)
        await router.started(busy)
        await router.started(idle)
        for _ in 0..<20 { #expect(try await router.route(request, candidates: [busy, idle]).map(\.id) == ["idle", "busy"]) }
        // Both busy calls end: now "busy" has none in flight and "idle" one.
        await router.record(busy, outcome: RoutingHarness.outcome(busy, latency: 1))
        await router.record(busy, outcome: RoutingHarness.outcome(busy, latency: 1))
        #expect(try await router.route(request, candidates: [busy, idle]).map(\.id) == ["busy", "idle"])
    }

    @Test func leastBusyIgnoresARecordWithoutAStart() async throws {
        let router = RoutingHarness.router(RoutingHarness.settings(.leastBusy))
        let a = RoutingHarness.deployment("a")
        let b = RoutingHarness.deployment("b")
        await router.record(a, outcome: RoutingHarness.outcome(a, latency: 1))
        await router.started(b)
        #expect(try await router.route(request, candidates: [a, b]).first?.id == "a", "a's count must not go below 0")
    }

    @Test func leastBusyTiesShareTheTraffic() async throws {
        let router = RoutingHarness.router(RoutingHarness.settings(.leastBusy), seed: 8)
        let group = [RoutingHarness.deployment("a"), RoutingHarness.deployment("b")]
        let picks = try await RoutingHarness.firstPicks(router, group, count: 400)
        #expect(picks["a", default: 0] > 100 && picks["b", default: 0] > 100, "\(picks)")
    }

    @Test func latencyBasedTriesUnmeasuredFirstThenPrefersTheFaster() async throws {
        let router = RoutingHarness.router(RoutingHarness.settings(.latencyBased))
        let fast = RoutingHarness.deployment("fast")
        let slow = RoutingHarness.deployment("slow")
        let fresh = RoutingHarness.deployment("fresh")
        await router.record(slow, outcome: RoutingHarness.outcome(slow, latency: 2.0))
        await router.record(fast, outcome: RoutingHarness.outcome(fast, latency: 0.2))
        #expect(try await router.route(request, candidates: [slow, fast, fresh]).map(\.id) == ["fresh", "fast", "slow"])
        await router.record(fresh, outcome: RoutingHarness.outcome(fresh, latency: 1.0))
        #expect(try await router.route(request, candidates: [slow, fast, fresh]).map(\.id) == ["fast", "fresh", "slow"])
    }

    @Test func latencyBasedUsesTimeToFirstTokenForStreamsAndPenalisesTimeouts() async throws {
        let router = RoutingHarness.router(RoutingHarness.settings(.latencyBased))
        let streamer = RoutingHarness.deployment("streamer")
        let hanging = RoutingHarness.deployment("hanging", timeout: 30)
        var streamed = RoutingHarness.outcome(streamer, latency: 10)
        streamed.timeToFirstToken = .milliseconds(100)
        await router.record(streamer, outcome: streamed)
        await router.record(hanging, outcome: RoutingHarness.outcome(hanging, error: .gatewayTimeout("no answer")))
        #expect(try await router.route(request, candidates: [hanging, streamer]).map(\.id) == ["streamer", "hanging"])
        #expect(DeploymentRouter.latencySample(streamer, outcome: streamed) == 0.1)
        #expect(DeploymentRouter.latencySample(hanging, outcome: RoutingHarness.outcome(hanging, error: .gatewayTimeout("x"))) == 30)
        #expect(DeploymentRouter.latencySample(hanging, outcome: RoutingHarness.outcome(hanging, error: .badGateway("x"))) == nil)
    }

    @Test func latencyAverageFollowsAChange() async throws {
        var load = DeploymentLoad()
        load.ended("a", tokens: 0, latency: 1.0, at: 0)
        for _ in 0..<10 { load.ended("a", tokens: 0, latency: 0.1, at: 0) }
        let average = try #require(load.averageLatency("a", at: 0))
        #expect(average < 0.15, "\(average)")
    }

    /// The bug CI found: one slow first sample (a cold connection) kept a fast deployment from ever being picked,
    /// so it was never measured again.
    @Test func anExpiredLatencyIsProbedOnceAndTheProbeReplacesIt() async throws {
        let clock = ManualClock()
        var settings = RoutingHarness.settings(.latencyBased)
        settings.latencyTTL = 10
        let router = RoutingHarness.router(settings, clock: clock)
        let hare = RoutingHarness.deployment("hare")
        let tortoise = RoutingHarness.deployment("tortoise")
        await router.started(hare)
        await router.record(hare, outcome: RoutingHarness.outcome(hare, latency: 3.0))
        await router.started(tortoise)
        await router.record(tortoise, outcome: RoutingHarness.outcome(tortoise, latency: 1.5))
        for _ in 0..<5 {
            #expect(try await router.route(request, candidates: [hare, tortoise]).first?.id == "tortoise")
            await router.started(tortoise)
            clock.advance(1)
            await router.record(tortoise, outcome: RoutingHarness.outcome(tortoise, latency: 1.5))
        }
        clock.advance(6)
        // The hare's one sample is 11 s old: the next request probes it, and until the probe ends the old average
        // counts again (the requests meanwhile are not all sent to the probe).
        #expect(try await router.route(request, candidates: [hare, tortoise]).first?.id == "hare")
        await router.started(hare)
        #expect(try await router.route(request, candidates: [hare, tortoise]).first?.id == "tortoise")
        await router.record(hare, outcome: RoutingHarness.outcome(hare, latency: 0.01))
        // The probe's 10 ms replaced the 3 s outlier instead of being averaged with it.
        #expect(try await router.route(request, candidates: [hare, tortoise]).first?.id == "hare")
    }

    @Test func deploymentsWithinTheLatencyBufferShareTheTraffic() async throws {
        var settings = RoutingHarness.settings(.latencyBased)
        settings.lowestLatencyBuffer = 0.5
        let router = RoutingHarness.router(settings, seed: 5)
        let a = RoutingHarness.deployment("a")
        let b = RoutingHarness.deployment("b")
        let slow = RoutingHarness.deployment("slow")
        await router.record(a, outcome: RoutingHarness.outcome(a, latency: 1.0))
        await router.record(b, outcome: RoutingHarness.outcome(b, latency: 1.4))
        await router.record(slow, outcome: RoutingHarness.outcome(slow, latency: 1.6))
        let picks = try await RoutingHarness.firstPicks(router, [a, b, slow], count: 400)
        #expect(picks["slow"] == nil, "1.6 s is beyond 1.5 × the fastest: \(picks)")
        #expect(picks["a", default: 0] > 100 && picks["b", default: 0] > 100, "\(picks)")
    }

    @Test func usageBasedPicksTheMostHeadroom() async throws {
        let clock = ManualClock()
        let router = RoutingHarness.router(RoutingHarness.settings(.usageBased), clock: clock)
        let small = RoutingHarness.deployment("small", rpm: 10)
        let large = RoutingHarness.deployment("large", rpm: 100)
        for _ in 0..<5 { await router.started(large) }
        // small: 10/10 left; large: 95/100 left.
        #expect(try await router.route(request, candidates: [large, small]).map(\.id) == ["small", "large"])
        await router.started(small)
        await router.started(small)
        // small: 8/10 left; large still 95/100.
        #expect(try await router.route(request, candidates: [small, large]).map(\.id) == ["large", "small"])
    }

    @Test func usageBasedCountsTokensAgainstTPMAndForgetsLastMinute() async throws {
        let clock = ManualClock()
        let router = RoutingHarness.router(RoutingHarness.settings(.usageBased), clock: clock)
        let a = RoutingHarness.deployment("a", tpm: 1000)
        let b = RoutingHarness.deployment("b", tpm: 1000)
        var outcome = RoutingHarness.outcome(a, latency: 0.1)
        outcome.usage = Usage(promptTokens: 300, completionTokens: 200)
        await router.started(a)
        await router.record(a, outcome: outcome)
        #expect(try await router.route(request, candidates: [a, b]).map(\.id) == ["b", "a"])
        clock.advance(60)
        let picks = try await RoutingHarness.firstPicks(router, [a, b], count: 200)
        #expect(picks["a", default: 0] > 50 && picks["b", default: 0] > 50, "a new minute: both even again \(picks)")
    }

    @Test func costBasedPicksTheCheapestAndShufflesTies() async throws {
        let router = RoutingHarness.router(RoutingHarness.settings(.costBased), seed: 4)
        let dear = RoutingHarness.deployment("dear", inputCost: 0.01, outputCost: 0.03)
        let cheapA = RoutingHarness.deployment("cheap-a", inputCost: 0.001, outputCost: 0.002)
        let cheapB = RoutingHarness.deployment("cheap-b", inputCost: 0.002, outputCost: 0.001)
        let picks = try await RoutingHarness.firstPicks(router, [dear, cheapA, cheapB], count: 400)
        #expect(picks["dear"] == nil, "\(picks)")
        #expect(picks["cheap-a", default: 0] > 100 && picks["cheap-b", default: 0] > 100, "\(picks)")
        #expect(try await router.route(request, candidates: [dear, cheapA, cheapB]).last?.id == "dear")
    }

    @Test(arguments: RoutingStrategy.allCases)
    func lowerOrderTiersStayFirst(_ strategy: RoutingStrategy) async throws {
        let router = RoutingHarness.router(RoutingHarness.settings(strategy))
        let backup = RoutingHarness.deployment("backup", weight: 100, order: 2, inputCost: 0)
        let primary = RoutingHarness.deployment("primary", weight: 1, order: 1, inputCost: 1)
        let unordered = RoutingHarness.deployment("unordered")
        for _ in 0..<20 {
            let ordered = try await router.route(request, candidates: [unordered, backup, primary]).map(\.id)
            #expect(ordered == ["primary", "backup", "unordered"])
        }
    }

    /// The catalog hands a team caller every sibling of its team model; every strategy must spread traffic over
    /// them (the seed's bug collapsed siblings to one), and another team never receives these deployments.
    @Test(arguments: [RoutingStrategy.simpleShuffle, .leastBusy, .costBased, .usageBased])
    func teamSiblingDeploymentsAllReceiveTraffic(_ strategy: RoutingStrategy) async throws {
        let router = RoutingHarness.router(RoutingHarness.settings(strategy), seed: 21)
        let siblings = [
            RoutingHarness.deployment("team-a-1", model: "team-gpt", teamID: "team-a"),
            RoutingHarness.deployment("team-a-2", model: "team-gpt", teamID: "team-a"),
        ]
        let catalog = ModelCatalog(deployments: siblings + [RoutingHarness.deployment("shared", model: "gpt")])
        let candidates = catalog.deployments(for: "team-gpt", teamID: "team-a")
        #expect(candidates.map(\.id) == ["team-a-1", "team-a-2"])
        #expect(catalog.deployments(for: "team-gpt", teamID: "team-b").isEmpty)
        var picks: [String: Int] = [:]
        for _ in 0..<200 {
            let first = try #require(try await router.route(RoutingHarness.request("team-gpt"), candidates: candidates).first)
            picks[first.id, default: 0] += 1
            // A call that starts and ends, so load-aware strategies see traffic too.
            await router.started(first)
            await router.record(first, outcome: RoutingHarness.outcome(first, latency: 0.1))
        }
        #expect(picks["team-a-1", default: 0] > 40 && picks["team-a-2", default: 0] > 40, "\(strategy): \(picks)")
    }
}
