import Foundation
import Testing

@testable import GatewayCore

struct PluginRegistryTests {
    /// This test's id in ``MakeLog``.
    let run = UUID().uuidString
    let registry = PluginRegistry([AlphaPlugin.self, BetaPlugin.self, StoreAPlugin.self, StoreBPlugin.self, FailingPlugin.self])

    private func context(_ environment: [String: String] = [:]) -> PluginContext {
        TestContext.plugin(environment: environment.merging(["TEST_RUN": run]) { _, new in new })
    }

    private func build(_ entries: [PluginManifest.Entry], environment: [String: String] = [:]) async throws -> LoadedPlugins {
        try await registry.build(PluginManifest(entries: entries), context: context(environment))
    }

    private func made() async -> [MakeLog.Made] { await MakeLog.shared.made(run: run) }

    @Test func unknownPluginListsTheKnownNames() async throws {
        let error = try #require(await #expect(throws: ConfigError.self) { try await build([.init(name: "alhpa")]) })
        #expect(error.message.contains("'alhpa'"))
        #expect(error.message.contains("alpha, beta, store-a, store-b, failing"))
        #expect(await made().isEmpty)
    }

    @Test func twoEnabledStoragePluginsAreAnError() async throws {
        let error = try #require(await #expect(throws: ConfigError.self) { try await build([.init(name: "store-a"), .init(name: "store-b")]) })
        #expect(error.message.contains("store-a"))
        #expect(error.message.contains("store-b"))
        #expect(error.message.contains("at most one"))
        #expect(await made().isEmpty)
    }

    @Test func aDisabledSecondStoragePluginIsFine() async throws {
        let loaded = try await build([.init(name: "store-a"), .init(name: "store-b", enabled: false)])
        #expect(loaded.store?.kind == "store-a")
        #expect(await made().map(\.pluginID) == ["store-a"])
    }

    @Test func unknownConfigKeyNamesPluginAndKey() async throws {
        let error = try #require(await #expect(throws: ConfigError.self) { try await build([.init(name: "alpha", config: ["gretting": "x"])]) })
        #expect(error.message.contains("'alpha'"))
        #expect(error.message.contains("'gretting'"))
        #expect(error.message.contains("count, greeting"))
        #expect(await made().isEmpty)

        let none = try #require(await #expect(throws: ConfigError.self) { try await build([.init(name: "beta", config: ["x": 1])]) })
        #expect(none.message.contains("'beta'"))
        #expect(none.message.contains("takes no config"))
    }

    @Test(arguments: [JSON.string("three"), true, ["n": 3], [3]])
    func badValueTypeNamesTheConfigKey(_ value: JSON) async throws {
        let error = try #require(await #expect(throws: ConfigError.self) { try await build([.init(name: "alpha", config: ["count": value])]) })
        #expect(error.message.contains("'alpha'"))
        #expect(error.message.contains("config.count"))
    }

    /// A number that does not fit the key's type is a bad value too, and must name the key like a wrong type does.
    @Test(arguments: [JSON.double(2.5), .double(1e30)])
    func numberThatDoesNotFitNamesTheConfigKey(_ value: JSON) async throws {
        let error = try #require(await #expect(throws: ConfigError.self) { try await build([.init(name: "alpha", config: ["count": value])]) })
        #expect(error.message.contains("'alpha'"))
        #expect(error.message.contains("config.count"))
    }

    @Test func decodesConfigurationWithDefaults() async throws {
        _ = try await build([.init(name: "alpha", config: ["count": 3])])
        #expect(await made().map(\.detail) == ["hi/3"])
    }

    @Test func resolvesEnvironmentReferencesInConfig() async throws {
        _ = try await build([.init(name: "alpha", config: ["greeting": "os.environ/GREETING"])], environment: ["GREETING": "hello"])
        #expect(await made().map(\.detail) == ["hello/1"])

        let error = try #require(
            await #expect(throws: ConfigError.self) {
                try await build([.init(name: "alpha", config: ["greeting": "os.environ/NOT_SET"])], environment: ["OTHER": "sk-secret"])
            })
        #expect(error.message.contains("'alpha'"))
        #expect(error.message.contains("config.greeting"))
        #expect(error.message.contains("NOT_SET"))
        #expect(!error.message.contains("sk-secret"))
    }

    @Test func onlyListedAndEnabledPluginsAreBuilt() async throws {
        let loaded = try await build([.init(name: "beta"), .init(name: "alpha", enabled: false)])
        #expect(await made().map(\.pluginID) == ["beta"])
        #expect(loaded.hooks.map(\.pluginID) == ["beta"])
        #expect(loaded.store == nil)
    }

    @Test func storagePluginIsBuiltFirstAndItsStoreReachesTheOthers() async throws {
        let loaded = try await build([
            .init(name: "beta", failurePolicy: .allow), .init(name: "store-a"), .init(name: "alpha", config: ["greeting": "x"]),
        ])
        let made = await made()
        #expect(made.map(\.pluginID) == ["store-a", "beta", "alpha"])
        #expect(made[0].storeKind == nil)
        #expect(made[1].storeKind == "store-a")
        #expect(made[2].storeKind == "store-a")
        #expect(loaded.store?.kind == "store-a")
        #expect(loaded.hooks.map(\.pluginID) == ["store-a", "beta", "alpha"])
        #expect(loaded.hooks.map(\.failurePolicy) == [.deny, .allow, .deny])
        #expect(loaded.hooks.compactMap { ($0.hook as? MarkerHook)?.marker } == ["store-a", "beta", "alpha"])
    }

    @Test func withoutStoragePluginTheContextHasNoStore() async throws {
        _ = try await build([.init(name: "alpha")])
        #expect(await made().first?.storeKind == nil)
    }

    @Test func storagePluginWithoutAStoreIsAnError() async throws {
        let registry = PluginRegistry([StorelessStoragePlugin.self])
        let error = try #require(
            await #expect(throws: ConfigError.self) {
                try await registry.build(PluginManifest(entries: [.init(name: "storeless")]), context: context())
            })
        #expect(error.message.contains("'storeless'"))
    }

    @Test func factoryFailureNamesThePlugin() async throws {
        let error = try #require(await #expect(throws: ConfigError.self) { try await build([.init(name: "failing")]) })
        #expect(error.message.contains("'failing'"))
        #expect(error.message.contains("boom"))
    }

    @Test func validateChecksWithoutBuilding() async throws {
        #expect(throws: ConfigError.self) { try registry.validate(PluginManifest(entries: [.init(name: "nope")])) }
        try registry.validate(PluginManifest(entries: [.init(name: "alpha"), .init(name: "store-a")]))
        #expect(await made().isEmpty)
        #expect(registry.knownIDs == ["alpha", "beta", "store-a", "store-b", "failing"])
        #expect(registry.plugin(named: "beta").map { ObjectIdentifier($0) } == ObjectIdentifier(BetaPlugin.self))
        #expect(registry.plugin(named: "gamma") == nil)
    }

    @Test func pipelineSortsHooksIntoHookPointsInOrder() async throws {
        let probe = Probe()
        let pipeline = Pipeline(hooks: [
            registered(BudgetAndGuardrail(name: "both", probe: probe), "both"),
            registered(TestGuardrail(name: "g", probe: probe), "g"),
            registered(TestLogger(name: "l", probe: probe), "l"),
            registered(TestAuth(name: "a", probe: probe), "a"),
        ])
        #expect(pipeline.summary["budget"] == ["both"])
        #expect(pipeline.summary["guardrail"] == ["both", "g"])
        #expect(pipeline.guardrailsReversed.map(\.pluginID) == ["g", "both"])
        #expect(pipeline.summary["logging"] == ["l"])
        #expect(pipeline.summary["auth"] == ["a"])
        #expect(pipeline.summary["routing"] == [])
        #expect(pipeline.hasAuth)
        #expect(!Pipeline(hooks: []).hasAuth)
    }
}
