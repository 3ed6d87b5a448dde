public import GatewayCore
import Logging

/// `request-log`: one info line per finished request through the gateway's logger (text, or JSON lines with
/// `--log-format json`), with the fields of ``RequestLogEvent/record``: request id, key alias and hash, team, user,
/// model asked for and served, deployment, status, latency and upstream time, cost, tokens, attempts, streamed,
/// error. Never a key or credential; message content only with `log_content`.
///
/// The line is written by the log queue's background service, never on the request path.
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `log_content` | bool: add the request's `messages` (or `input`/`prompt`) and the response text | false |
/// | `max_content_chars` | integer: longer content is cut and marked `…[truncated]` | 10000 |
///
/// `log_content` writes what users typed and what models answered into the logs: personal data, secrets pasted
/// into prompts. Turn it on for debugging only, and only where the logs are as protected as the traffic. With it
/// on, the plugin also records content at the guardrail hook point (after the guardrails listed before it in
/// plugins.json, so list it after a masking guardrail to log masked text).
public enum RequestLogPlugin: Plugin {
    public static let id = "request-log"

    public struct Configuration: PluginConfiguration {
        public static let keys: Set<String> = ["log_content", "max_content_chars"]
        public var logContent: Bool
        public var maxContentChars: Int

        enum CodingKeys: String, CodingKey {
            case logContent = "log_content"
            case maxContentChars = "max_content_chars"
        }

        public init(logContent: Bool = false, maxContentChars: Int = 10_000) {
            self.logContent = logContent
            self.maxContentChars = maxContentChars
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            logContent = try container.decodeIfPresent(Bool.self, forKey: .logContent) ?? false
            maxContentChars = try container.decodeIfPresent(Int.self, forKey: .maxContentChars) ?? 10_000
            guard maxContentChars > 0 else { throw ConfigError("config key 'config.max_content_chars' must be positive") }
        }
    }

    /// Logs through `context.logger` (tests pass a logger with a capturing handler).
    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        let recorder = configuration.logContent ? ContentRecorder(maxChars: configuration.maxContentChars) : nil
        if recorder != nil {
            context.logger.warning("request-log: log_content is on; prompts and answers are written to the logs")
        }
        let hook = RequestLogHook(logger: context.logger, content: recorder)
        return PluginComponents(hooks: recorder.map { [hook, $0] } ?? [hook])
    }
}
