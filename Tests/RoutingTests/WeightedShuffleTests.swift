import GatewayCore
import Testing

@testable import Routing

/// `simple-shuffle`: weighted random orderings with a fixed seed.
@Suite struct WeightedShuffleTests {
    @Test func weightsSplitTheFirstPickInProportionWithinTolerance() async throws {
        let router = RoutingHarness.router(RoutingHarness.settings(.simpleShuffle), seed: 7)
        let group = [RoutingHarness.deployment("heavy", weight: 3), RoutingHarness.deployment("light", weight: 1)]
        let picks = try await RoutingHarness.firstPicks(router, group, count: 4000)
        let share = Double(picks["heavy", default: 0]) / 4000
        #expect(abs(share - 0.75) < 0.03, "heavy share \(share), picks \(picks)")
    }

    @Test func rpmWeighsWhenNoWeightIsSetThenTpm() {
        let byRPM = [RoutingHarness.deployment("a", rpm: 900), RoutingHarness.deployment("b", rpm: 100)]
        #expect(WeightedShuffle.weights(of: byRPM) == [900, 100])
        let byTPM = [RoutingHarness.deployment("a", tpm: 10), RoutingHarness.deployment("b", tpm: 30)]
        #expect(WeightedShuffle.weights(of: byTPM) == [10, 30])
        let weightWins = [RoutingHarness.deployment("a", weight: 2, rpm: 1), RoutingHarness.deployment("b", weight: 1, rpm: 1000)]
        #expect(WeightedShuffle.weights(of: weightWins) == [2, 1])
        let uniform = [RoutingHarness.deployment("a"), RoutingHarness.deployment("b")]
        #expect(WeightedShuffle.weights(of: uniform) == [1, 1])
    }

    @Test func rpmDistributionThroughTheRouter() async throws {
        let router = RoutingHarness.router(RoutingHarness.settings(.simpleShuffle), seed: 11)
        let group = [RoutingHarness.deployment("big", rpm: 900), RoutingHarness.deployment("small", rpm: 100)]
        let picks = try await RoutingHarness.firstPicks(router, group, count: 4000)
        let share = Double(picks["small", default: 0]) / 4000
        #expect(abs(share - 0.1) < 0.02, "small share \(share)")
    }

    @Test func uniformWithoutWeightsAndEveryCandidateIsKept() async throws {
        let router = RoutingHarness.router(RoutingHarness.settings(.simpleShuffle), seed: 3)
        let group = ["a", "b", "c"].map { RoutingHarness.deployment($0) }
        let picks = try await RoutingHarness.firstPicks(router, group, count: 3000)
        for id in ["a", "b", "c"] { #expect(abs(Double(picks[id, default: 0]) / 3000 - 1.0 / 3) < 0.03, "\(picks)") }
        let ordered = try await router.route(RoutingHarness.request(), candidates: group)
        #expect(Set(ordered.map(\.id)) == ["a", "b", "c"] && ordered.count == 3)
    }

    @Test func aZeroWeightCandidateComesLast() async throws {
        let router = RoutingHarness.router(RoutingHarness.settings(.simpleShuffle), seed: 5)
        let group = [RoutingHarness.deployment("none", weight: 0), RoutingHarness.deployment("some", weight: 1)]
        for _ in 0..<50 {
            #expect(try await router.route(RoutingHarness.request(), candidates: group).map(\.id) == ["some", "none"])
        }
    }

    @Test func theSameSeedGivesTheSameOrder() async throws {
        let group = ["a", "b", "c", "d"].map { RoutingHarness.deployment($0) }
        let first = RoutingHarness.router(RoutingHarness.settings(.simpleShuffle), seed: 99)
        let second = RoutingHarness.router(RoutingHarness.settings(.simpleShuffle), seed: 99)
        for _ in 0..<20 {
            let lhs = try await first.route(RoutingHarness.request(), candidates: group).map(\.id)
            let rhs = try await second.route(RoutingHarness.request(), candidates: group).map(\.id)
            #expect(lhs == rhs)
        }
    }
}
