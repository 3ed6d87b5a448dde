import Foundation
import Logging
public import ServiceLifecycle
public import Tracing

/// The plugins a Tollgate binary knows, by id, and the builder that turns plugins.json into running plugins.
///
/// Server passes the built-in plugin types plus any a third party adds; Core names none of them.
public struct PluginRegistry: Sendable {
    private let plugins: [String: any Plugin.Type]
    /// The known ids, in registration order.
    public let knownIDs: [String]

    /// - Precondition: ids are unique.
    public init(_ types: [any Plugin.Type]) {
        var plugins: [String: any Plugin.Type] = [:]
        for type in types {
            precondition(plugins[type.id] == nil, "two plugins are registered with the id '\(type.id)'")
            plugins[type.id] = type
        }
        self.plugins = plugins
        self.knownIDs = types.map { $0.id }
    }

    /// The registered type for an id.
    public func plugin(named id: String) -> (any Plugin.Type)? { plugins[id] }

    /// Checks a manifest without building anything: every name known, at most one storage plugin.
    /// - Throws: ``ConfigError`` listing the known names, or naming both storage plugins.
    public func validate(_ manifest: PluginManifest) throws {
        let enabled = manifest.entries.filter(\.enabled)
        for entry in manifest.entries where plugins[entry.name] == nil {
            throw ConfigError("plugins.json: unknown plugin '\(entry.name)'. Known plugins: \(knownIDs.joined(separator: ", "))")
        }
        let storage = enabled.filter { plugins[$0.name]!.isStorage }.map(\.name)
        if storage.count > 1 {
            throw ConfigError("plugins.json enables \(storage.count) storage plugins (\(storage.joined(separator: ", "))); enable at most one")
        }
    }

    /// Builds every enabled plugin: the storage plugin first, then its pending migrations are applied (so the
    /// others find a current store), then the rest in plugins.json order. A store that connects in the background
    /// and cannot be reached yet is not migrated here: it migrates itself once reachable.
    /// - Throws: ``ConfigError`` naming the plugin and key for a bad `config`, or wrapping a factory's error; naming
    ///   both plugins when two provide a tracer.
    public func build(_ manifest: PluginManifest, context: PluginContext) async throws -> LoadedPlugins {
        try validate(manifest)
        let enabled = manifest.entries.filter(\.enabled)
        var loaded = LoadedPlugins()
        var context = context
        if let storageEntry = enabled.first(where: { plugins[$0.name]!.isStorage }) {
            let components = try await build(storageEntry, context: context)
            guard let store = components.store else {
                throw ConfigError("plugin '\(storageEntry.name)' is a storage plugin but provided no store")
            }
            do {
                loaded.appliedMigrations = try await store.migrate()
            } catch let error as StoreError where error.isUnavailable && store.connectsInBackground {
                // A database server that is down must not keep the gateway from starting: the store connects and
                // migrates by itself once it can, and readiness says why it is not ready meanwhile.
                context.logger.warning(
                    "storage unreachable at startup; starting without it",
                    metadata: ["storage": .string(store.kind), "reason": .string(error.message)])
            } catch {
                throw ConfigError("plugin '\(storageEntry.name)' could not migrate its database: \(error)")
            }
            if !loaded.appliedMigrations.isEmpty {
                context.logger.info("applied migrations", metadata: ["storage": .string(store.kind), "versions": "\(loaded.appliedMigrations)"])
            }
            context.store = store
            loaded.store = store
            loaded.add(components, entry: storageEntry)
        }
        for entry in enabled where !plugins[entry.name]!.isStorage {
            let components = try await build(entry, context: context)
            if components.tracer != nil, let first = loaded.tracerPluginID {
                throw ConfigError("plugins.json enables two plugins that provide a tracer ('\(first)' and '\(entry.name)'); enable at most one")
            }
            loaded.add(components, entry: entry)
        }
        return loaded
    }

    private func build(_ entry: PluginManifest.Entry, context: PluginContext) async throws -> PluginComponents {
        let type = plugins[entry.name]!
        var context = context
        context.logger[metadataKey: "plugin"] = .string(entry.name)
        return try await Self.make(type, entry: entry, context: context)
    }

    private static func make<P: Plugin>(_ type: P.Type, entry: PluginManifest.Entry, context: PluginContext) async throws -> PluginComponents {
        let configuration = try decodeConfiguration(P.Configuration.self, entry: entry, environment: context.environment)
        do {
            return try await P.make(configuration: configuration, context: context)
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError("plugin '\(entry.name)' failed to start: \(error)")
        }
    }

    /// Decodes a plugin's `config`, rejecting keys the configuration does not read.
    static func decodeConfiguration<C: PluginConfiguration>(_ type: C.Type, entry: PluginManifest.Entry, environment: [String: String]) throws -> C {
        let path = "plugins.json: plugin '\(entry.name)'"
        if let unknown = entry.config.objectValue?.keys.sorted().first(where: { !C.keys.contains($0) }) {
            let known = C.keys.isEmpty ? "it takes no config" : "known keys: \(C.keys.sorted().joined(separator: ", "))"
            throw ConfigError("\(path): unknown config key '\(unknown)' (\(known))")
        }
        let resolved = try entry.config.resolvingEnvironmentReferences(environment, path: "\(path) config")
        do {
            return try resolved.decode(C.self)
        } catch let error as DecodingError {
            throw ConfigError("\(path): \(describe(error))")
        } catch let error as ConfigError {
            throw ConfigError("\(path): \(error.message)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        let (path, problem) = error.fieldAndProblem
        return "config key '\(path.isEmpty ? "config" : "config." + path)' \(problem)"
    }
}

/// The result of building plugins.json: the hooks in order with their plugin, the services, the store.
public struct LoadedPlugins: Sendable {
    /// Every hook with the plugin that made it, in plugins.json order (storage plugin first).
    public var hooks: [RegisteredHook] = []
    public var services: [any Service] = []
    public var store: (any GatewayStore)?
    public var providers: [String: any Provider] = [:]
    /// Management endpoints of every plugin, in plugins.json order.
    public var adminRoutes: [AdminRoute] = []
    /// Other HTTP endpoints of every plugin (``PluginComponents/httpRoutes``).
    public var httpRoutes: [PluginHTTPRoute] = []
    /// The migration versions applied to the store while building.
    public var appliedMigrations: [Int] = []
    /// The one tracer a plugin provides (``PluginComponents/tracer``), for ``PipelineRunner``.
    public var tracer: (any Tracer)?
    /// The plugin that provided ``tracer``.
    public var tracerPluginID: String?

    public init() {}

    mutating func add(_ components: PluginComponents, entry: PluginManifest.Entry) {
        hooks += components.hooks.map { RegisteredHook(hook: $0, pluginID: entry.name, failurePolicy: entry.failurePolicy) }
        services += components.services
        providers.merge(components.providers) { _, new in new }
        adminRoutes += components.adminRoutes
        httpRoutes += components.httpRoutes
        if let tracer = components.tracer {
            self.tracer = tracer
            tracerPluginID = entry.name
        }
    }
}

/// A hook and the plugins.json entry it came from.
public struct RegisteredHook: Sendable {
    public let hook: any PipelineHook
    public let pluginID: String
    public let failurePolicy: FailurePolicy
}
