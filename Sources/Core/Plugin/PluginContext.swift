public import AsyncHTTPClient
public import Logging

/// What a plugin's factory may use.
public struct PluginContext: Sendable {
    /// The plugin's logger (its label is the plugin id).
    public var logger: Logger
    /// config.yaml, parsed.
    public var config: GatewayConfig
    /// The enabled storage plugin's store; nil in config-only mode and while building the storage plugin itself.
    public var store: (any GatewayStore)?
    /// The shared, pooled HTTP client (for webhooks and callbacks).
    public var httpClient: HTTPClient
    /// The process environment.
    public var environment: [String: String]
    /// The live models: config.yaml's plus those a plugin adds at runtime (``ModelDirectory``).
    public var models: ModelDirectory
    /// The guardrail names guardrail plugins declare (shared by every plugin of the process).
    public var guardrails: GuardrailCatalog
    /// Calls to deployments through the gateway's providers, once the server has started (health checks).
    public var upstreams: UpstreamAccess
    /// Where plugins record metrics (``GatewayMetrics/disabled`` unless the server set a backend up).
    public var metrics: GatewayMetrics
    /// Alerts from the plugins that notice to the plugins that deliver (one channel per gateway).
    public var alerts: AlertChannel
    /// This gateway instance's name among those sharing one database (`tollgate serve --instance-id`; by default
    /// hostname-pid). Plugins that coordinate through the store (budget leases, shared rate windows) key their rows by it.
    public var instanceID: String
    /// Where the plugin owning users and teams offers their common checks to auth plugins that verify callers
    /// another way (JWT); shared by every plugin of the process.
    public var identities: IdentityResolvers

    public init(
        logger: Logger, config: GatewayConfig, store: (any GatewayStore)?, httpClient: HTTPClient, environment: [String: String],
        models: ModelDirectory? = nil, guardrails: GuardrailCatalog = GuardrailCatalog(), upstreams: UpstreamAccess = UpstreamAccess(),
        metrics: GatewayMetrics = .disabled, alerts: AlertChannel = AlertChannel(), instanceID: String = InstanceID.processDefault,
        identities: IdentityResolvers = IdentityResolvers()
    ) {
        self.identities = identities
        self.instanceID = instanceID
        self.metrics = metrics
        self.alerts = alerts
        self.models = models ?? ModelDirectory(configDeployments: config.deployments)
        self.guardrails = guardrails
        self.upstreams = upstreams
        self.logger = logger
        self.config = config
        self.store = store
        self.httpClient = httpClient
        self.environment = environment
    }
}
