public import GatewayCore
public import Logging

/// How the process logs: text or JSON lines, and from which level. Decided once, before the logging system is
/// bootstrapped, from the command line, the environment and config.yaml, in that order of precedence.
///
/// | setting | sources, first wins | default |
/// | --- | --- | --- |
/// | format | `--log-format text\|json`; env `JSON_LOGS=true`; config.yaml `litellm_settings.json_logs: true` | text |
/// | level | `--log-level`; env `TOLLGATE_LOG_LEVEL`; env `LITELLM_LOG` (LiteLLM's, e.g. `DEBUG`) | info |
///
/// Levels are swift-log's (`trace`, `debug`, `info`, `notice`, `warning`, `error`, `critical`), case-insensitive;
/// `warn` is read as `warning` as LiteLLM users write it.
public struct LogSettings: Sendable, Equatable {
    public enum Format: String, Sendable, CaseIterable {
        case text, json
    }

    public var format: Format
    public var level: Logger.Level

    public init(format: Format = .text, level: Logger.Level = .info) {
        self.format = format
        self.level = level
    }

    /// - Parameters:
    ///   - format: `--log-format`, when given.
    ///   - level: `--log-level`, when given.
    ///   - litellmSettings: config.yaml's `litellm_settings` (empty without a config file).
    /// - Throws: ``ConfigError`` naming the source of an unknown format or level.
    public static func resolve(
        format: String?, level: String?, environment: [String: String], litellmSettings: [String: JSON]
    ) throws -> LogSettings {
        var settings = LogSettings()
        if let format {
            guard let parsed = Format(rawValue: format.lowercased()) else {
                throw ConfigError("unknown --log-format '\(format)': use text or json")
            }
            settings.format = parsed
        } else if let flag = environment["JSON_LOGS"] {
            settings.format = ["true", "1", "yes"].contains(flag.lowercased()) ? .json : .text
        } else if litellmSettings["json_logs"]?.boolValue == true {
            settings.format = .json
        }
        let sources = [
            ("--log-level", level), ("TOLLGATE_LOG_LEVEL", environment["TOLLGATE_LOG_LEVEL"]), ("LITELLM_LOG", environment["LITELLM_LOG"]),
        ]
        if let (source, text) = sources.first(where: { $0.1.map { !$0.isEmpty } ?? false }), let text {
            guard let parsed = parseLevel(text) else {
                throw ConfigError("unknown log level '\(text)' in \(source): use trace, debug, info, notice, warning, error or critical")
            }
            settings.level = parsed
        }
        return settings
    }

    static func parseLevel(_ text: String) -> Logger.Level? {
        let lowered = text.lowercased()
        return lowered == "warn" ? .warning : Logger.Level(rawValue: lowered)
    }

    /// Bootstraps swift-log for the process (once; a second call traps, as swift-log's does).
    public func bootstrap() {
        let level = level
        switch format {
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardOutput(label: label)
                handler.logLevel = level
                return handler
            }
        case .json:
            LoggingSystem.bootstrap { label in
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
