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
