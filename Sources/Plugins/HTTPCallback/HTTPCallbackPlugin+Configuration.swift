public import GatewayCore

extension HTTPCallbackPlugin {
    /// The plugin's `config` object; see ``HTTPCallbackPlugin`` for the table of keys.
    public struct Configuration: PluginConfiguration {
        public static let keys: Set<String> = [
            "url", "headers", "batch_size", "flush_interval_seconds", "max_queue", "timeout_seconds", "retry_initial_seconds",
            "retry_max_seconds", "shutdown_timeout_seconds",
        ]

        public var url: String
        public var headers: [String: String]
        public var batchSize: Int
        public var flushIntervalSeconds: Double
        public var maxQueue: Int
        public var timeoutSeconds: Double
        public var retryInitialSeconds: Double
        public var retryMaxSeconds: Double
        public var shutdownTimeoutSeconds: Double

        enum CodingKeys: String, CodingKey {
            case url, headers
            case batchSize = "batch_size"
            case flushIntervalSeconds = "flush_interval_seconds"
            case maxQueue = "max_queue"
            case timeoutSeconds = "timeout_seconds"
            case retryInitialSeconds = "retry_initial_seconds"
            case retryMaxSeconds = "retry_max_seconds"
            case shutdownTimeoutSeconds = "shutdown_timeout_seconds"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            guard let url = try container.decodeIfPresent(String.self, forKey: .url), !url.isEmpty else {
                throw ConfigError("config key 'config.url' is required: the receiver's http(s) URL")
            }
            self.url = url
            headers = try container.decodeIfPresent([String: String].self, forKey: .headers) ?? [:]
            batchSize = try container.decodeIfPresent(Int.self, forKey: .batchSize) ?? 100
            flushIntervalSeconds = try container.decodeIfPresent(Double.self, forKey: .flushIntervalSeconds) ?? 1
            maxQueue = try container.decodeIfPresent(Int.self, forKey: .maxQueue) ?? 10_000
            timeoutSeconds = try container.decodeIfPresent(Double.self, forKey: .timeoutSeconds) ?? 10
            retryInitialSeconds = try container.decodeIfPresent(Double.self, forKey: .retryInitialSeconds) ?? 0.5
            retryMaxSeconds = try container.decodeIfPresent(Double.self, forKey: .retryMaxSeconds) ?? 30
            shutdownTimeoutSeconds = try container.decodeIfPresent(Double.self, forKey: .shutdownTimeoutSeconds) ?? 5
            guard batchSize > 0 else { throw ConfigError("config key 'config.batch_size' must be positive") }
            guard maxQueue >= batchSize else { throw ConfigError("config key 'config.max_queue' must be at least batch_size") }
            for (key, value) in [
                ("flush_interval_seconds", flushIntervalSeconds), ("timeout_seconds", timeoutSeconds),
                ("retry_initial_seconds", retryInitialSeconds), ("retry_max_seconds", retryMaxSeconds),
            ] where !(value.isFinite && value > 0) {
                throw ConfigError("config key 'config.\(key)' must be a positive number")
            }
            guard retryMaxSeconds >= retryInitialSeconds else {
                throw ConfigError("config key 'config.retry_max_seconds' must be at least retry_initial_seconds")
            }
            guard shutdownTimeoutSeconds.isFinite, shutdownTimeoutSeconds >= 0 else {
                throw ConfigError("config key 'config.shutdown_timeout_seconds' must not be negative")
            }
        }
    }
}
