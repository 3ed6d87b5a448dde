public import ServiceLifecycle
public import Tracing

/// A plugin: one concern (auth, budget, storage, ...) that plugins.json switches on by its ``id``.
///
/// A plugin is a type with a static factory. At startup the registry decodes the entry's `config` object into
/// ``Configuration`` (an unknown key or a bad value stops startup, naming the plugin and the key) and calls
/// ``make(configuration:context:)`` once. The returned hooks are sorted into the pipeline's per-hook arrays;
/// services run for the life of the process and are shut down in reverse order.
///
/// ```swift
/// public enum BlockWordPlugin: Plugin {
///     public static let id = "block-word"
///     public struct Configuration: PluginConfiguration {
///         public static let keys: Set<String> = ["word"]
///         public var word = "forbidden"
///     }
///     public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
///         PluginComponents(hooks: [BlockWordGuardrail(word: configuration.word)])
///     }
/// }
/// ```
public protocol Plugin: Sendable {
    associatedtype Configuration: PluginConfiguration

    /// The name plugins.json uses (`master-key-auth`, `sqlite-store`).
    static var id: String { get }

    /// Storage plugins provide the ``GatewayStore``; at most one may be enabled, and it is built first so other
    /// plugins find it in ``PluginContext/store``.
    static var isStorage: Bool { get }

    /// Builds the plugin's hooks, services and, for a storage plugin, its store.
    /// - Throws: any error stops startup with the plugin's name.
    static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents
}

extension Plugin {
    public static var isStorage: Bool { false }
}

/// A plugin's `config` object from plugins.json.
///
/// Decode each property with `decodeIfPresent(...) ?? default`, so an empty or absent `config` is valid.
public protocol PluginConfiguration: Decodable, Sendable {
    /// Every key this configuration reads. Any other key in plugins.json stops startup (a typo must not silently
    /// turn a check off).
    static var keys: Set<String> { get }
}

/// The configuration of a plugin that takes none.
public struct NoConfiguration: PluginConfiguration {
    public static let keys: Set<String> = []
    public init() {}
}

/// What a plugin's factory returns.
public struct PluginComponents: Sendable {
    /// Hook conformances, each sorted into every hook point it implements.
    public var hooks: [any PipelineHook]
    /// Long-running work (flushers, cache invalidators), run until shutdown.
    public var services: [any Service]
    /// The store, for a storage plugin.
    public var store: (any GatewayStore)?
    /// Extra providers by prefix (`myprovider/` in `litellm_params.model`).
    public var providers: [String: any Provider]
    /// Management endpoints the plugin serves.
    public var adminRoutes: [AdminRoute]
    /// Other HTTP endpoints the plugin serves (pages, streams), which authenticate their callers themselves.
    public var httpRoutes: [PluginHTTPRoute]
    /// The tracer that makes the gateway's spans (a span per request, per hook run, per upstream attempt). At most
    /// one enabled plugin may provide one; the plugin also returns the service that exports what it records.
    public var tracer: (any Tracer)?

    public init(
        hooks: [any PipelineHook] = [], services: [any Service] = [], store: (any GatewayStore)? = nil,
        providers: [String: any Provider] = [:], adminRoutes: [AdminRoute] = [], httpRoutes: [PluginHTTPRoute] = [],
        tracer: (any Tracer)? = nil
    ) {
        self.httpRoutes = httpRoutes
        self.tracer = tracer
        self.hooks = hooks
        self.services = services
        self.store = store
        self.providers = providers
        self.adminRoutes = adminRoutes
    }
}
