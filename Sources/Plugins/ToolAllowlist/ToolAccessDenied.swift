public import GatewayCore

/// The 403 a caller gets for a tool outside its allowlist, in LiteLLM's shape (`type` and `code`
/// `tool_access_denied`, `param` `tools`), so clients that already handle LiteLLM's error keep working.
///
/// The message names every disallowed tool (sorted, each once), so one round trip tells the caller all it must
/// remove, and says whose list applied (key or team), so the caller knows which record to ask an admin about.
/// It never lists the allowed tools: the caller did not ask for them and the list is the admin's to share.
public enum ToolAccessDenied {
    /// Where the disallowed names were found.
    public enum Origin: Sendable {
        /// The request offered or forced them.
        case request
        /// The model's answer called them (complete or streamed).
        case response
    }

    /// The error for `tools`, which must be non-empty and sorted (as ``EffectiveAllowlist/disallowed(_:)`` returns).
    public static func error(_ tools: [String], origin: Origin, source: EffectiveAllowlist.Source) -> GatewayError {
        let list = tools.map { "'\($0)'" }.joined(separator: ", ")
        let owner = source == .key ? "this key's" : "this key's team's"
        let (title, noun, verb) = tools.count == 1 ? ("Tool", "tool", "is") : ("Tools", "tools", "are")
        let message =
            switch origin {
            case .request: "\(title) \(list) \(verb) not in \(owner) allowed_tools."
            case .response: "The model called \(noun) \(list), which \(verb) not in \(owner) allowed_tools; the call was withheld."
            }
        // From `forbidden` for the 403 (no HTTPTypes import here), with LiteLLM's type and param in place of the generic ones.
        var error = GatewayError.forbidden(message, code: "tool_access_denied")
        error.type = "tool_access_denied"
        error.param = "tools"
        return error
    }
}
