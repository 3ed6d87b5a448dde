public import GatewayCore

/// `spend-log`: writes one spend-log row per finished request to the store, in batches, behind the request path,
/// and serves `/spend/logs` and `/global/spend` (``SpendRoutes``).
///
/// Rows are buffered in memory and written every `flush_interval_seconds`, or as soon as `batch_size` are waiting,
/// and once more on graceful shutdown. The store adds each new row's spend to its scopes' counters in the same
/// transaction (``SpendCounterStore``), so the counters are exactly the sum of the rows. A failed write keeps the
/// rows for the next flush (writes are idempotent by request id): a store outage delays rows, never drops them.
/// Past `max_buffered` waiting rows an error is logged on each flush (memory grows; nothing is dropped).
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `flush_interval_seconds` | number | 1 |
/// | `batch_size` | integer | 500 |
/// | `max_buffered` | integer | 100000 |
/// | `write_timeout_seconds` | number | 5 |
public enum SpendLogPlugin: Plugin {
    public static let id = "spend-log"

    public struct Configuration: PluginConfiguration {
        public static let keys: Set<String> = ["flush_interval_seconds", "batch_size", "max_buffered", "write_timeout_seconds"]
        public var flushIntervalSeconds: Double
        public var batchSize: Int
        public var maxBuffered: Int
        public var writeTimeoutSeconds: Double

        enum CodingKeys: String, CodingKey {
            case flushIntervalSeconds = "flush_interval_seconds"
            case batchSize = "batch_size"
            case maxBuffered = "max_buffered"
            case writeTimeoutSeconds = "write_timeout_seconds"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            flushIntervalSeconds = try container.decodeIfPresent(Double.self, forKey: .flushIntervalSeconds) ?? 1
            batchSize = try container.decodeIfPresent(Int.self, forKey: .batchSize) ?? 500
            maxBuffered = try container.decodeIfPresent(Int.self, forKey: .maxBuffered) ?? 100_000
            writeTimeoutSeconds = try container.decodeIfPresent(Double.self, forKey: .writeTimeoutSeconds) ?? 5
            guard writeTimeoutSeconds > 0 else { throw ConfigError("config key 'config.write_timeout_seconds' must be positive") }
            guard flushIntervalSeconds > 0 else { throw ConfigError("config key 'config.flush_interval_seconds' must be positive") }
            guard batchSize > 0 else { throw ConfigError("config key 'config.batch_size' must be positive") }
            guard maxBuffered >= batchSize else { throw ConfigError("config key 'config.max_buffered' must be at least batch_size") }
        }
    }

    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        guard let store = context.store else {
            throw ConfigError("plugin 'spend-log' needs a storage plugin (sqlite-store or postgres-store) enabled in plugins.json")
        }
        let writer = SpendLogWriter(
            store: store, batchSize: configuration.batchSize, maxBuffered: configuration.maxBuffered,
            writeTimeout: configuration.writeTimeoutSeconds, logger: context.logger, metrics: SpendLogMetrics(factory: context.metrics.factory),
            alerts: context.alerts)
        return PluginComponents(
            hooks: [SpendLogHook(writer: writer)],
            services: [SpendLogFlusher(writer: writer, interval: configuration.flushIntervalSeconds)],
            adminRoutes: SpendRoutes(store: store).routes)
    }
}
