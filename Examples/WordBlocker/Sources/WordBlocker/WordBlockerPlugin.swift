public import GatewayCore
import Foundation

/// `word-blocker`: a guardrail that rejects requests and responses containing a blocked word or phrase.
///
/// Before the upstream call it reads the text the client sends (chat `messages`, string content or text parts;
/// `prompt` for completions; `input` for embeddings) and rejects the request with 400 `content_blocked` if a
/// blocked word appears. After the call it reads the assistant's text in a complete response and rejects it the
/// same way. A word matches as a whole word or phrase: `cat` blocks "a cat" but not "concatenate". Streamed
/// responses pass through unchecked, because a word can be split across chunks.
///
/// ```json
/// {"name": "word-blocker", "config": {"words": ["forbidden-word"], "case_sensitive": false}}
/// ```
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `words` | array of strings, not empty | required |
/// | `case_sensitive` | boolean | `false` |
public enum WordBlockerPlugin: Plugin {
    /// The name plugins.json uses.
    public static let id = "word-blocker"

    /// The plugin's `config` object from plugins.json.
    public struct Configuration: PluginConfiguration {
        /// The keys this configuration reads; any other key stops startup.
        public static let keys: Set<String> = ["words", "case_sensitive"]
        /// The blocked words or phrases, each non-empty.
        public var words: [String]
        /// Whether matching respects case; by default "Forbidden-Word" matches `forbidden-word`.
        public var caseSensitive: Bool

        enum CodingKeys: String, CodingKey {
            case words
            case caseSensitive = "case_sensitive"
        }

        /// Builds a configuration in code (tests, embedding).
        /// - Parameters:
        ///   - words: the blocked words or phrases.
        ///   - caseSensitive: whether matching respects case.
        public init(words: [String], caseSensitive: Bool = false) {
            self.words = words
            self.caseSensitive = caseSensitive
        }

        /// Decodes the `config` object.
        /// - Parameter decoder: the decoder over the plugin's `config`.
        /// - Throws: ``ConfigError`` naming `config.words` when it is missing, empty or holds an empty string;
        ///   a `DecodingError` for a value of the wrong type.
        public init(from decoder: any Decoder) throws {
            // `"config": null` decodes as no config at all, so it gets the same message as a missing key.
            if try decoder.singleValueContainer().decodeNil() { throw Self.missingWords }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            words = try container.decodeIfPresent([String].self, forKey: .words) ?? []
            caseSensitive = try container.decodeIfPresent(Bool.self, forKey: .caseSensitive) ?? false
            guard !words.isEmpty else { throw Self.missingWords }
            guard !words.contains(where: { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) else {
                throw ConfigError("config key 'config.words' must not contain an empty word")
            }
        }

        private static let missingWords = ConfigError("config key 'config.words' is required: a non-empty array of words to block")
    }

    /// Builds the guardrail.
    /// - Parameters:
    ///   - configuration: the decoded `config`.
    ///   - context: unused; this plugin needs no store, client or service.
    /// - Returns: one ``WordBlockerGuardrail``.
    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        PluginComponents(hooks: [WordBlockerGuardrail(words: configuration.words, caseSensitive: configuration.caseSensitive)])
    }
}
