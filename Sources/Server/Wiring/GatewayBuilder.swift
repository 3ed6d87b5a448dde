import AsyncHTTPClient
import Foundation
public import GatewayCore
public import Hummingbird
import Logging
import NIOCore
import OpenAIResponsesDialect
import Prometheus
import ServiceLifecycle
import UpstreamHTTP1

/// Assembles the gateway from its files: config.yaml, plugins.json and the plugin types this binary knows.
///
/// Everything per-request is decided here, once: the plugins are built (storage first), their hooks sorted
/// into the pipeline, the providers checked against the models, the routes registered. Services are
/// registered in start order: the HTTP client, the plugins' services (storage first), the log queue, and
/// last the HTTP server, so shutdown stops accepting first and drains logs into a store that is still up.
public enum GatewayBuilder {
    public typealias App = Application<RouterResponder<GatewayRequestContext>>

    /// Builds the application; run it with `runService()` (signals) or inside a `ServiceGroup`.
    /// - Parameters:
    ///   - options: files and address.
    ///   - plugins: the plugin types this binary knows (``BuiltinPlugins/all`` plus a third party's).
    ///   - onServerRunning: called with the bound channel (tests read the port from it).
    /// - Throws: ``ConfigError`` with a message for the operator.
    public static func makeApplication(
        options: ServerOptions, plugins: [any Plugin.Type], onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) async throws -> App {
        let instanceID = options.instanceID ?? InstanceID.processDefault
        guard InstanceID.isValid(instanceID) else {
            throw ConfigError("instance id '\(instanceID)' must be \(InstanceID.rule)")
        }
        var logger = Logger(label: "tollgate")
        logger.logLevel = options.logLevel
        // Every logger of the gateway derives from this one (plugins', requests'), so every line names the instance.
        logger[metadataKey: "instance_id"] = .string(instanceID)
        var config = try options.configPath.map { try ConfigFile.load(path: $0, environment: options.environment) } ?? GatewayConfig()
        for warning in config.warnings { logger.warning("\(warning)") }
        let manifest = try loadManifest(path: options.pluginsPath)
        let registry = PluginRegistry(plugins)
        try registry.validate(manifest)

        var limits = config.serverLimits
        if let override = options.maxRequestsInFlight { limits.maxRequestsInFlight = override > 0 ? override : nil }
        let httpClient = makeHTTPClient(connectionsPerHost: limits.upstreamConnectionsPerHost, connectTimeout: limits.upstreamConnectTimeout)
        do {
            // The price map, refreshed once from LITELLM_MODEL_COST_MAP_URL or model_cost_map_url when set: the file's
            // deployments are priced again with it.
            if let map = await PriceMapRefresh.load(
                environment: options.environment, generalSettings: config.generalSettings, client: httpClient, logger: logger)
            {
                if let path = options.configPath {
                    config = try ConfigFile.load(path: path, environment: options.environment, priceMap: map)
                } else {
                    config.prices.map = map
                }
            }
            // Once per model, however many deployments serve it.
            var unpriced: Set<String> = []
            for deployment in config.deployments where deployment.pricing == .unknown {
                guard unpriced.insert("\(deployment.provider)/\(deployment.upstreamModel)").inserted else { continue }
                logger.warning(
                    "\(PriceSource.unknownPriceWarning)", metadata: ["model": "\(deployment.modelName)", "deployment": "\(deployment.id)"])
            }
            let models = ModelDirectory(configDeployments: config.deployments)
            let upstreams = UpstreamAccess()
            let context = PluginContext(
                logger: logger, config: config, store: nil, httpClient: httpClient, environment: options.environment, models: models,
                upstreams: upstreams, metrics: makeMetrics(instanceID: instanceID), instanceID: instanceID)
            let loaded = try await registry.build(manifest, context: context)
            try checkConfigSections(config, manifest: manifest, guardrails: context.guardrails)
            let upstreamClient = UpstreamHTTPClient(
                httpClient: httpClient, connectTimeout: limits.upstreamConnectTimeout, http1Client: makeHTTP1Client(limits: limits))
            // A plugin's provider of a built-in prefix replaces the built-in one.
            let providers = ProviderRegistry(
                BuiltinProviders.all(client: upstreamClient, environment: options.environment).merging(loaded.providers) { _, plugin in plugin })
            upstreams.connect(providers)
            try providers.validate(config.deployments)
            for rejected in models.setValidator({ try providers.validate([$0], source: "") }) { logger.error("\(rejected)") }
            let pipeline = Pipeline(hooks: loaded.hooks)
            var routerSettings = config.router
            // A deployment's default share of upstream calls in flight is a full pool of connections to its host: past
            // it, calls would only queue in the client, so they go to a sibling deployment (or get a 429) at once.
            if routerSettings.defaultMaxParallelRequests == nil { routerSettings.defaultMaxParallelRequests = limits.upstreamConnectionsPerHost }
            let runner = PipelineRunner(
                pipeline: pipeline, models: models, providers: providers, logger: logger, routerSettings: routerSettings, tracer: loaded.tracer)
            if !pipeline.hasAuth { logger.warning("no auth plugin enabled: the gateway accepts every request") }
            logger.info(
                "tollgate ready to start",
                metadata: [
                    "models": .string(models.catalog.modelNames.joined(separator: ",")), "storage": .string(loaded.store?.kind ?? "none"),
                    "hooks": .string(
                        pipeline.summary.filter { !$0.value.isEmpty }.map { "\($0.key)=\($0.value.joined(separator: "+"))" }.sorted().joined(
                            separator: " ")),
                ])
            let routeTable = RouteTable()
            let adminRoutes = loaded.adminRoutes + [RouteListing.route(listing: routeTable)]
            let admin = AdminEndpoints(runner: runner, routes: adminRoutes, maxBodyBytes: config.maxRequestBodyBytes)
            let pages = PluginHTTPEndpoints(
                routes: loaded.httpRoutes, gateway: GatewayAccess(runner: runner, adminRoutes: adminRoutes),
                maxBodyBytes: config.maxRequestBodyBytes)
            let router = makeRouter(
                runner: runner, store: loaded.store, admin: admin, pluginEndpoints: pages, maxBodyBytes: config.maxRequestBodyBytes,
                maxRequestsInFlight: limits.maxRequestsInFlight, routeTable: routeTable, logger: logger)
            return Application(
                router: router,
                server: GatewayHTTPChannel.builder(limits: limits),
                // A deep accept queue: a burst of new connections (a thousand clients at once) waits to be accepted
                // instead of being reset (Hummingbird's default is 256).
                configuration: .init(address: .hostname(options.host, port: options.port), serverName: "tollgate", backlog: 4096),
                services: [HTTPClientService(client: httpClient, http1Client: upstreamClient.http1Client)] + loaded.services + [runner.logService],
                onServerRunning: onServerRunning,
                logger: logger)
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
    }

    static func loadManifest(path: String?) throws -> PluginManifest {
        guard let path else { return PluginManifest(entries: []) }
        guard let data = FileManager.default.contents(atPath: path) else { throw ConfigError("cannot read plugins file '\(path)'") }
        return try PluginManifest(parsing: Array(data))
    }

    /// - Parameters:
    ///   - maxRequestsInFlight: `global_max_parallel_requests`; nil: no limit.
    ///   - routeTable: receives every route registered (what `/routes` and `/openapi.json` describe).
    static func makeRouter(
        runner: PipelineRunner, store: (any GatewayStore)?, admin: AdminEndpoints, pluginEndpoints: PluginHTTPEndpoints, maxBodyBytes: Int,
        maxRequestsInFlight: Int?, routeTable: RouteTable = RouteTable(), logger: Logger
    ) -> Router<GatewayRequestContext> {
        let base = Router(context: GatewayRequestContext.self)
        let router = RecordingRouter(router: base, table: routeTable)
        let knownPaths = Set(
            OpenAIRoutes.paths.map(\.0) + AnthropicRoutes.paths + ResponsesRoutes.paths + ModelRoutes.paths + HealthRoutes.paths + admin.paths
                + pluginEndpoints.paths + OpenAPIRoutes.paths)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ErrorMiddleware(knownPaths: knownPaths))
        if let maxRequestsInFlight {
            // Probes and scrapes answer under overload: a load balancer must not take a busy instance for a dead one.
            let exempt = Set(HealthRoutes.paths + ["/health", "/metrics"])
            router.add(middleware: InFlightLimitMiddleware(limit: maxRequestsInFlight, exemptPaths: exempt, logger: logger))
        }
        OpenAIRoutes(runner: runner, maxBodyBytes: maxBodyBytes).register(on: router)
        AnthropicRoutes(runner: runner, maxBodyBytes: maxBodyBytes).register(on: router)
        GeminiRoutes(runner: runner, maxBodyBytes: maxBodyBytes).register(on: router)
        ResponsesRoutes(runner: runner, store: ResponsesStore(store), maxBodyBytes: maxBodyBytes).register(on: router)
        ModelRoutes(runner: runner).register(on: router)
        HealthRoutes(store: store).register(on: router)
        admin.register(on: router)
        pluginEndpoints.register(on: router)
        OpenAPIRoutes(table: routeTable).register(on: router)
        return base
    }

    /// The gateway's own Prometheus registry, never the process-wide `MetricsSystem` (a test process runs many
    /// gateways, and each must count its own). Plugins record in it whether or not the `prometheus` plugin serves it.
    /// It starts with `tollgate_instance_info{instance_id="…"} 1`, so scrapes of several instances tell them apart.
    static func makeMetrics(instanceID: String) -> GatewayMetrics {
        let registry = PrometheusCollectorRegistry()
        let info = MetricNameDescriptor(
            namespace: "tollgate", metricName: "instance", unitName: "info", helpText: "This gateway instance (always 1).")
        registry.makeGauge(descriptor: info, labels: [("instance_id", instanceID)]).set(Int64(1))
        return GatewayMetrics(factory: PrometheusMetricsFactory(registry: registry), exposition: PrometheusExposition(registry: registry))
    }

    /// The pooled AsyncHTTPClient: for the calls that are not a provider's (token exchanges, the price map, plugins'
    /// webhooks and exporters), and for the providers' too when `upstream_http_client` chooses it. Per-deployment
    /// timeouts are applied per call. Past `connectionsPerHost` connections to one host
    /// (`upstream_max_connections_per_host`), calls wait for a free one, at most the connect timeout (then 504, and
    /// retried when configured); each deployment's `max_parallel_requests` (by default the same number) keeps one
    /// hung deployment from taking more than that.
    ///
    /// A connection that cannot be made fails its calls at once (`retryConnectionEstablishment` off): by default
    /// the client would retry a refused connect with backoff until the connect timeout, so a deployment on a closed
    /// port took the whole timeout to fail, and every fallback after it again. The attempt loop already retries and
    /// falls back, with the deployment's cooldowns; a second retry loop below it only hid the failure. `connectTimeout`
    /// (`upstream_connect_timeout_seconds`) is left for hosts that do not answer at all.
    static func makeHTTPClient(
        connectionsPerHost: Int = ServerLimits().upstreamConnectionsPerHost, connectTimeout: Double = ServerLimits().upstreamConnectTimeout
    ) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .milliseconds(Int64(connectTimeout * 1000)), read: upstreamReadTimeout)
        configuration.connectionPool = .init(idleTimeout: upstreamIdleTimeout, concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerHost)
        configuration.connectionPool.retryConnectionEstablishment = false
        // The pipeline makes its own span per upstream attempt (and injects `traceparent`); AsyncHTTPClient's
        // spans would duplicate them and cost attribute building on every call even with no tracer.
        configuration.tracing.tracer = nil
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// The client for the providers' calls, with the same connect timeout, per-host cap, idle and read timeouts as
    /// ``makeHTTPClient(connectionsPerHost:connectTimeout:)``; nil when `upstream_http_client` chose AsyncHTTPClient.
    static func makeHTTP1Client(limits: ServerLimits) -> HTTP1Client? {
        guard limits.upstreamHTTPClient == .lean else { return nil }
        return HTTP1Client(
            configuration: .init(
                connectTimeout: .milliseconds(Int64(limits.upstreamConnectTimeout * 1000)), idleTimeout: upstreamIdleTimeout,
                readTimeout: upstreamReadTimeout, maximumConnectionsPerTarget: limits.upstreamConnectionsPerHost))
    }

    /// How long a pooled upstream connection stays open unused, and how long a body may go without a byte.
    private static let upstreamIdleTimeout = TimeAmount.seconds(60)
    private static let upstreamReadTimeout = TimeAmount.seconds(600)
}
