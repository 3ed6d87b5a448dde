import Synchronization
import Testing

@testable import GatewayCore

struct ModelDirectoryTests {
    private func deployment(_ id: String, _ model: String = "m", provider: String = "fake") -> Deployment {
        Deployment(id: id, modelName: model, provider: provider, upstreamModel: id)
    }

    @Test func runtimeChangesReachTheCatalogAndTheObserversAtOnce() {
        let directory = ModelDirectory(configDeployments: [deployment("config")])
        let seen = Mutex<[[String]]>([])
        directory.observe { catalog in seen.withLock { $0.append(catalog.deployments.map(\.id)) } }

        directory.upsert(deployment("db-1", "db"))
        #expect(directory.catalog.deployments(for: "db").map(\.id) == ["db-1"])
        directory.upsert(deployment("db-1", "renamed"))
        #expect(directory.catalog.deployments(for: "db").isEmpty)
        #expect(directory.catalog.deployments(for: "renamed").map(\.id) == ["db-1"])
        #expect(directory.remove(id: "db-1"))
        #expect(!directory.remove(id: "db-1"))
        #expect(seen.withLock { $0 } == [["config", "db-1"], ["config", "db-1"], ["config"], ["config"]])
    }

    @Test func configModelsCannotBeReplacedAtRuntime() {
        let directory = ModelDirectory(configDeployments: [deployment("config", "m")])
        directory.replaceRuntime([deployment("config", "hijacked"), deployment("db", "db")])
        #expect(directory.isConfigModel(id: "config"))
        #expect(!directory.isConfigModel(id: "db"))
        #expect(directory.catalog.deployments(for: "hijacked").isEmpty)
        #expect(directory.runtimeDeployments.map(\.id) == ["db"])
        #expect(!directory.remove(id: "config"))
        #expect(directory.catalog.deployments(for: "m").map(\.id) == ["config"])
    }

    @Test func theValidatorDropsRuntimeModelsLoadedBeforeItAndChecksLaterOnes() throws {
        struct UnknownProvider: Error {}
        let directory = ModelDirectory(configDeployments: [])
        directory.replaceRuntime([deployment("good"), deployment("bad", provider: "nope")])
        let rejected = directory.setValidator { if $0.provider == "nope" { throw UnknownProvider() } }
        #expect(rejected.count == 1)
        #expect(rejected.first?.contains("'bad'") == true)
        #expect(directory.runtimeDeployments.map(\.id) == ["good"])
        #expect(throws: UnknownProvider.self) { try directory.validate(deployment("later", provider: "nope")) }
        try directory.validate(deployment("fine"))
    }
}
