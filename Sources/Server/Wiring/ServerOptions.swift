public import Logging

/// How to start the gateway: the files to read and where to listen.
///
/// | option | default |
/// | --- | --- |
/// | `configPath` | none: no models, no master key |
/// | `pluginsPath` | none: no plugins (an open, config-only gateway) |
/// | `host`, `port` | `127.0.0.1`, `4000` (port 0 picks a free one) |
/// | `instanceID` | none: ``InstanceID/processDefault`` (hostname-pid) |
/// | `maxRequestsInFlight` | none: config.yaml's `general_settings.global_max_parallel_requests` (0 turns the limit off) |
public struct ServerOptions: Sendable {
    public var configPath: String?
    public var pluginsPath: String?
    public var host: String
    public var port: Int
    public var logLevel: Logger.Level
    public var environment: [String: String]
    /// Overrides `global_max_parallel_requests` (`tollgate serve --global-max-parallel-requests`).
    public var maxRequestsInFlight: Int?
    /// This instance's name in logs (`instance_id`), metrics (`tollgate_instance_info`) and shared store rows
    /// (`tollgate serve --instance-id`); nil takes ``InstanceID/processDefault``.
    public var instanceID: String?

    public init(
        configPath: String? = nil, pluginsPath: String? = nil, host: String = "127.0.0.1", port: Int = 4000, logLevel: Logger.Level = .info,
        environment: [String: String], maxRequestsInFlight: Int? = nil, instanceID: String? = nil
    ) {
        self.instanceID = instanceID
        self.configPath = configPath
        self.pluginsPath = pluginsPath
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.environment = environment
        self.maxRequestsInFlight = maxRequestsInFlight
    }
}
