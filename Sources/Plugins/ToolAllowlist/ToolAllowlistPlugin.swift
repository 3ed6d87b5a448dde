public import GatewayCore

/// `tool-allowlist`: limits the tools a key or team may use to its `metadata.allowed_tools`.
///
/// The effective list is the key's `metadata.allowed_tools` when it is a non-empty list of strings, else the
/// team's (``EffectiveAllowlist``); with neither, or for the master key, nothing is restricted. Both are read from
/// the principal the auth hook built from cached records, so no check touches the database. Put it after the auth
/// plugins in plugins.json.
///
/// - Requests (``RequestToolCheck``): a tool offered in `tools` / `functions` (or forced by `tool_choice`) that is
///   not on the list → 403 `tool_access_denied` naming every such tool, before any upstream call.
/// - Responses (``ResponseToolCheck``, unless `check_responses` is false): a tool call to a tool not on the list in
///   the model's answer → the same 403 for a complete response, an error event ending a stream.
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `check_responses` | bool | true |
public enum ToolAllowlistPlugin: Plugin {
    public static let id = "tool-allowlist"

    public struct Configuration: PluginConfiguration {
        public static let keys: Set<String> = ["check_responses"]
        /// Whether the model's tool calls are checked too. Off, the plugin adds no stage to the response path.
        public var checkResponses: Bool

        enum CodingKeys: String, CodingKey { case checkResponses = "check_responses" }

        public init(checkResponses: Bool = true) {
            self.checkResponses = checkResponses
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            checkResponses = try container.decodeIfPresent(Bool.self, forKey: .checkResponses) ?? true
        }
    }

    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        var hooks: [any PipelineHook] = [RequestToolCheck()]
        if configuration.checkResponses { hooks.append(ResponseToolCheck()) }
        return PluginComponents(hooks: hooks)
    }
}
