public import GatewayCore
import ServiceLifecycle

/// `http-callback`: POSTs a JSON record of every finished request (the fields of the `request-log` line, from
/// ``RequestLogEvent/record``; never a key or content) to a receiver, in batches, off the request path.
///
/// Each POST is a JSON array of at most `batch_size` records, oldest first. Records are sent every
/// `flush_interval_seconds`, or as soon as `batch_size` are waiting. While the receiver is down (5xx, 408, 429, no
/// connection, no answer within `timeout_seconds`) the batch is retried with exponential backoff and jitter
/// between `retry_initial_seconds` and `retry_max_seconds`, and later records wait behind it, so order is kept.
/// At most `max_queue` records wait; past that the oldest are dropped and counted in
/// `tollgate_callback_dropped_total`. Another 4xx answer drops the batch (logged), since retrying it would block
/// every later record. On graceful shutdown what is queued is sent for at most `shutdown_timeout_seconds`.
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `url` | http(s) URL (or `os.environ/NAME`) | required |
/// | `headers` | object: header name → value (`os.environ/NAME` allowed), sent with every POST, never logged | `{}` |
/// | `batch_size` | integer | 100 |
/// | `flush_interval_seconds` | number | 1 |
/// | `max_queue` | integer, at least `batch_size` | 10000 |
/// | `timeout_seconds` | number | 10 |
/// | `retry_initial_seconds` | number | 0.5 |
/// | `retry_max_seconds` | number | 30 |
/// | `shutdown_timeout_seconds` | number | 5 |
public enum HTTPCallbackPlugin: Plugin {
    public static let id = "http-callback"

    /// Builds the hook (which only queues) and the sender service.
    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        let url = configuration.url
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw ConfigError("config key 'config.url' must be an http:// or https:// URL")
        }
        let queue = CallbackQueue(
            capacity: configuration.maxQueue, batchSize: configuration.batchSize, metrics: context.metrics, logger: context.logger)
        let sender = CallbackSender(
            queue: queue,
            poster: CallbackPoster(
                url: url, headers: configuration.headers, timeoutSeconds: configuration.timeoutSeconds, httpClient: context.httpClient),
            flushInterval: configuration.flushIntervalSeconds,
            backoff: CallbackBackoff(initial: configuration.retryInitialSeconds, maximum: configuration.retryMaxSeconds),
            shutdownTimeout: configuration.shutdownTimeoutSeconds, logger: context.logger)
        return PluginComponents(hooks: [CallbackHook(queue: queue)], services: [sender])
    }
}
