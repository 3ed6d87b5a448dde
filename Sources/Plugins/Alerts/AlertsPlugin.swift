public import GatewayCore

/// `alerts`: sends what other plugins publish on the gateway's ``AlertChannel`` (budget crossings from
/// `budgets`, deployments going down and back up from `routing`'s health checks, spend logs that cannot be
/// written and recover from `spend-log`) to a Slack-compatible webhook, de-duplicated, off the publishers' path.
///
/// The same kind and subject is sent at most once per `dedupe_seconds`; a recovery is sent once after its
/// down-alert (see ``AlertDeduplicator``). The body is ``SlackMessage``: `text` and `attachments` for Slack, the
/// alert's facts under `alert` for other receivers.
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `webhook_url` | http(s) URL (or `os.environ/NAME`; a Slack webhook URL is a secret and is never logged) | required |
/// | `dedupe_seconds` | number | 300 |
/// | `max_queue` | integer | 1000 |
/// | `timeout_seconds` | number | 5 |
public enum AlertsPlugin: Plugin {
    public static let id = "alerts"

    public struct Configuration: PluginConfiguration {
        public static let keys: Set<String> = ["webhook_url", "dedupe_seconds", "max_queue", "timeout_seconds"]
        public var webhookURL: String
        public var dedupeSeconds: Double
        public var maxQueue: Int
        public var timeoutSeconds: Double

        enum CodingKeys: String, CodingKey {
            case webhookURL = "webhook_url"
            case dedupeSeconds = "dedupe_seconds"
            case maxQueue = "max_queue"
            case timeoutSeconds = "timeout_seconds"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            guard let url = try container.decodeIfPresent(String.self, forKey: .webhookURL), !url.isEmpty else {
                throw ConfigError("config key 'config.webhook_url' is required: the Slack-compatible webhook URL")
            }
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw ConfigError("config key 'config.webhook_url' must be an http:// or https:// URL")
            }
            webhookURL = url
            dedupeSeconds = try container.decodeIfPresent(Double.self, forKey: .dedupeSeconds) ?? 300
            maxQueue = try container.decodeIfPresent(Int.self, forKey: .maxQueue) ?? 1000
            timeoutSeconds = try container.decodeIfPresent(Double.self, forKey: .timeoutSeconds) ?? 5
            guard dedupeSeconds.isFinite, dedupeSeconds >= 0 else { throw ConfigError("config key 'config.dedupe_seconds' must not be negative") }
            guard maxQueue > 0 else { throw ConfigError("config key 'config.max_queue' must be positive") }
            guard timeoutSeconds.isFinite, timeoutSeconds > 0 else { throw ConfigError("config key 'config.timeout_seconds' must be positive") }
        }
    }

    /// Subscribes the sender to the channel and returns it as the plugin's service.
    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        let sender = AlertWebhookSender(
            url: configuration.webhookURL, dedupeSeconds: configuration.dedupeSeconds, maxQueued: configuration.maxQueue,
            timeoutSeconds: configuration.timeoutSeconds, httpClient: context.httpClient, logger: context.logger)
        context.alerts.subscribe { sender.receive($0) }
        return PluginComponents(services: [sender])
    }
}
