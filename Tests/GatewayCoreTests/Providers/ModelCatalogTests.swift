import Testing

@testable import GatewayCore

struct ModelCatalogTests {
    private func deployment(_ id: String, _ model: String = "m", order: Int? = nil) -> Deployment {
        Deployment(id: id, modelName: model, provider: "fake", upstreamModel: id, order: order)
    }

    @Test func orderedDeploymentsComeFirstThenConfigOrder() {
        let catalog = ModelCatalog(deployments: [
            deployment("a"), deployment("b", order: 2), deployment("x", "other"), deployment("c", order: 1), deployment("d"),
            deployment("e", order: 1), deployment("f", order: 0),
        ])
        #expect(catalog.deployments(for: "m").map(\.id) == ["f", "c", "e", "b", "a", "d"])
        #expect(catalog.deployments(for: "other").map(\.id) == ["x"])
    }

    @Test func withoutOrderConfigOrderIsKept() {
        let ids = (0..<20).map { "d\($0)" }
        let catalog = ModelCatalog(deployments: ids.map { deployment($0) })
        #expect(catalog.deployments(for: "m").map(\.id) == ids)
    }

    @Test func modelNamesKeepConfigOrderOnce() {
        let catalog = ModelCatalog(deployments: [deployment("1", "zeta"), deployment("2", "alpha"), deployment("3", "zeta"), deployment("4", "mid")])
        #expect(catalog.modelNames == ["zeta", "alpha", "mid"])
    }

    @Test func unknownModelHasNoDeployments() {
        let catalog = ModelCatalog(deployments: [deployment("a")])
        #expect(catalog.deployments(for: "nope").isEmpty)
        #expect(catalog.deployments(for: "M").isEmpty)
        #expect(ModelCatalog(deployments: []).modelNames.isEmpty)
    }
}

struct TeamModelCatalogTests {
    private func deployment(_ id: String, _ model: String, team: String? = nil) -> Deployment {
        Deployment(
            id: id, modelName: model, provider: "fake", upstreamModel: id, modelInfo: team.map { ["team_id": .string($0)] } ?? .object([:]))
    }

    private var catalog: ModelCatalog {
        ModelCatalog(deployments: [
            deployment("shared", "gpt"), deployment("a1", "team-gpt", team: "a"), deployment("a2", "team-gpt", team: "a"),
            deployment("b1", "team-gpt", team: "b"), deployment("a-gpt", "gpt", team: "a"),
        ])
    }

    @Test func aTeamSeesItsOwnSiblingsAndNoOtherTeamsModels() {
        #expect(catalog.deployments(for: "team-gpt", teamID: "a").map(\.id) == ["a1", "a2"])
        #expect(catalog.deployments(for: "team-gpt", teamID: "b").map(\.id) == ["b1"])
        #expect(catalog.deployments(for: "team-gpt", teamID: "c").isEmpty)
        #expect(catalog.deployments(for: "team-gpt", teamID: nil).isEmpty)
        #expect(catalog.deployments(for: "team-gpt").isEmpty)
    }

    @Test func aTeamsOwnDeploymentsReplaceTheSharedOnesForThatTeamOnly() {
        #expect(catalog.deployments(for: "gpt", teamID: "a").map(\.id) == ["a-gpt"])
        #expect(catalog.deployments(for: "gpt", teamID: "b").map(\.id) == ["shared"])
        #expect(catalog.deployments(for: "gpt", teamID: nil).map(\.id) == ["shared"])
    }

    @Test func modelNamesAddATeamsOwnNamesOnce() {
        #expect(catalog.modelNames == ["gpt"])
        #expect(catalog.modelNames(teamID: "a") == ["gpt", "team-gpt"])
        #expect(catalog.modelNames(teamID: "c") == ["gpt"])
        #expect(catalog.deployment(id: "b1")?.teamID == "b")
    }
}

struct SimpleShuffleTests {
    private func deployment(_ id: String, weight: Double = 1, order: Int? = nil) -> Deployment {
        Deployment(id: id, modelName: "m", provider: "fake", upstreamModel: id, weight: weight, order: order)
    }

    @Test func picksByWeightAcrossTheWholeRange() {
        let candidates = [deployment("a", weight: 1), deployment("b", weight: 3)]
        #expect(SimpleShuffle.pick(candidates, random: 0).id == "a")
        #expect(SimpleShuffle.pick(candidates, random: 0.24).id == "a")
        #expect(SimpleShuffle.pick(candidates, random: 0.26).id == "b")
        #expect(SimpleShuffle.pick(candidates, random: 0.999).id == "b")
    }

    @Test func onlyTheLowestOrderTierIsPicked() {
        let candidates = [deployment("first", order: 1), deployment("second", order: 1), deployment("later", order: 2)]
        let picked = Set((0..<100).map { SimpleShuffle.pick(candidates, random: Double($0) / 100).id })
        #expect(picked == ["first", "second"])
    }

    @Test func zeroWeightsFallBackToEqualChances() {
        let candidates = [deployment("a", weight: 0), deployment("b", weight: 0)]
        #expect(SimpleShuffle.pick(candidates, random: 0.1).id == "a")
        #expect(SimpleShuffle.pick(candidates, random: 0.9).id == "b")
        #expect(SimpleShuffle.pick([deployment("only")], random: 0.5).id == "only")
    }
}
