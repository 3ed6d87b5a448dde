public import GatewayCore
import Logging

extension GuardrailsPlugin {
    /// The plugin's `config` object; see ``GuardrailsPlugin`` for the keys of each guardrail.
    public struct Configuration: PluginConfiguration {
        public static let keys: Set<String> = ["guardrails", "stream_window"]

        /// The guardrails, in the order they run.
        var definitions: [GuardrailDefinition]
        /// Characters of a stream's past text kept to catch a match split across chunks.
        var streamWindow: Int

        enum CodingKeys: String, CodingKey {
            case guardrails
            case streamWindow = "stream_window"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let entries = try container.decodeIfPresent([JSON].self, forKey: .guardrails) ?? []
            try self.init(entries: entries, streamWindow: try container.decodeIfPresent(Int.self, forKey: .streamWindow) ?? 64)
        }

        /// A configuration from the JSON entries of `guardrails` (tests build one this way).
        /// - Throws: ``ConfigError`` naming the first bad key.
        public init(entries: [JSON], streamWindow: Int = 64) throws {
            var definitions: [GuardrailDefinition] = []
            for (index, entry) in entries.enumerated() {
                let definition = try GuardrailDefinition(parsing: entry, at: "config.guardrails[\(index)]")
                if definitions.contains(where: { $0.name == definition.name }) {
                    throw ConfigError("config key 'config.guardrails[\(index)].name': the name '\(definition.name)' is used twice")
                }
                definitions.append(definition)
            }
            guard (1...4096).contains(streamWindow) else { throw ConfigError("config key 'config.stream_window' must be between 1 and 4096") }
            self.definitions = definitions
            // A keyword longer than the window could be split without either part matching.
            self.streamWindow = max(streamWindow, definitions.map(\.longestLiteral).max() ?? 0)
        }

        /// Adds config.yaml's `guardrails` entries (LiteLLM's format) after the plugin's own, logging what they ignore.
        /// - Throws: ``ConfigError`` for a bad entry, or a name plugins.json already declares.
        mutating func add(configYAML entries: [JSON], logger: Logger) throws {
            for (index, entry) in entries.enumerated() {
                let parsed = try GuardrailDefinition.parsing(litellm: entry, index: index)
                let name = parsed.definition.name
                if definitions.contains(where: { $0.name == name }) {
                    throw ConfigError(
                        "config.yaml: guardrails[\(index)]: guardrail '\(name)' is also declared in plugins.json (plugin 'guardrails'); "
                            + "declare each guardrail in one file only")
                }
                for warning in parsed.warnings { logger.warning("\(warning)") }
                definitions.append(parsed.definition)
                streamWindow = max(streamWindow, parsed.definition.longestLiteral)
            }
        }
    }
}
