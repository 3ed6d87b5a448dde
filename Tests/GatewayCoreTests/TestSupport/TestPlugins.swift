import GatewayCore

/// Which plugins' factories ran, per test run (tests run in parallel; each passes its own `TEST_RUN` id in the
/// plugin context's environment).
actor MakeLog {
    static let shared = MakeLog()

    struct Made: Sendable {
        let pluginID: String
        let storeKind: String?
        let detail: String
    }

    private var made: [String: [Made]] = [:]

    func record(run: String?, _ entry: Made) { made[run ?? "", default: []].append(entry) }
    func made(run: String) -> [Made] { made[run] ?? [] }
}

/// A hook at no hook point that says which plugin made it.
struct MarkerHook: PipelineHook {
    let marker: String
}

/// `alpha`: reads `greeting` (string) and `count` (integer).
enum AlphaPlugin: Plugin {
    static let id = "alpha"

    struct Configuration: PluginConfiguration {
        static let keys: Set<String> = ["greeting", "count"]
        var greeting: String
        var count: Int

        enum CodingKeys: String, CodingKey { case greeting, count }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            greeting = try container.decodeIfPresent(String.self, forKey: .greeting) ?? "hi"
            count = try container.decodeIfPresent(Int.self, forKey: .count) ?? 1
        }
    }

    static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        await MakeLog.shared.record(
            run: context.environment["TEST_RUN"],
            .init(pluginID: id, storeKind: context.store?.kind, detail: "\(configuration.greeting)/\(configuration.count)"))
        return PluginComponents(hooks: [MarkerHook(marker: id)])
    }
}

/// `beta`: takes no config.
enum BetaPlugin: Plugin {
    static let id = "beta"
    typealias Configuration = NoConfiguration

    static func make(configuration: NoConfiguration, context: PluginContext) async throws -> PluginComponents {
        await MakeLog.shared.record(run: context.environment["TEST_RUN"], .init(pluginID: id, storeKind: context.store?.kind, detail: ""))
        return PluginComponents(hooks: [MarkerHook(marker: id)])
    }
}

/// A storage plugin whose store is an ``InMemoryStore`` of kind `store-a`.
enum StoreAPlugin: Plugin {
    static let id = "store-a"
    static let isStorage = true
    typealias Configuration = NoConfiguration

    static func make(configuration: NoConfiguration, context: PluginContext) async throws -> PluginComponents {
        await MakeLog.shared.record(run: context.environment["TEST_RUN"], .init(pluginID: id, storeKind: context.store?.kind, detail: ""))
        return PluginComponents(hooks: [MarkerHook(marker: id)], store: InMemoryStore(kind: id))
    }
}

/// Another storage plugin, to check that two cannot be enabled together.
enum StoreBPlugin: Plugin {
    static let id = "store-b"
    static let isStorage = true
    typealias Configuration = NoConfiguration

    static func make(configuration: NoConfiguration, context: PluginContext) async throws -> PluginComponents {
        await MakeLog.shared.record(run: context.environment["TEST_RUN"], .init(pluginID: id, storeKind: context.store?.kind, detail: ""))
        return PluginComponents(store: InMemoryStore(kind: id))
    }
}

/// A storage plugin that forgets to provide its store.
enum StorelessStoragePlugin: Plugin {
    static let id = "storeless"
    static let isStorage = true
    typealias Configuration = NoConfiguration

    static func make(configuration: NoConfiguration, context: PluginContext) async throws -> PluginComponents { PluginComponents() }
}

/// A plugin whose factory fails with an error that is not a ConfigError.
enum FailingPlugin: Plugin {
    struct Boom: Error, CustomStringConvertible {
        var description: String { "boom" }
    }

    static let id = "failing"
    typealias Configuration = NoConfiguration

    static func make(configuration: NoConfiguration, context: PluginContext) async throws -> PluginComponents { throw Boom() }
}
