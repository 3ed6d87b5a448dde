/// Recognises the upstream 4xx answers the attempt loop routes to their own fallbacks, from the error body.
///
/// OpenAI says `"code": "context_length_exceeded"` ("This model's maximum context length is ..."); Anthropic says
/// `"prompt is too long: 208310 tokens > 200000 maximum"` with type `invalid_request_error`. Content policy:
/// OpenAI's `content_policy_violation`, Azure's `content_filter`, Anthropic's "Output blocked by content filtering
/// policy". The phrases are LiteLLM's exception-mapping ones.
enum UpstreamRejection {
    private static let contextWindowPhrases = [
        "context_length_exceeded", "maximum context length", "prompt is too long", "context window", "input is too long",
    ]
    private static let contentPolicyPhrases = [
        "content_policy_violation", "content_filter", "content filtering policy", "content management policy", "safety system",
    ]

    static func isContextWindow(body: String) -> Bool {
        matches(body, codes: [UpstreamErrorCode.contextLengthExceeded], phrases: contextWindowPhrases)
    }

    static func isContentPolicy(body: String) -> Bool {
        matches(body, codes: [UpstreamErrorCode.contentPolicyViolation, "content_filter"], phrases: contentPolicyPhrases)
    }

    /// The error's `code` against `codes`, then its `message` (or the raw text when it is not JSON) against `phrases`.
    private static func matches(_ body: String, codes: Set<String>, phrases: [String]) -> Bool {
        let json = try? JSONParser.parse(body)
        let error = json?["error"]
        if let code = error?["code"]?.stringValue, codes.contains(code) { return true }
        let text = (error?["message"]?.stringValue ?? (json == nil ? body : "")).prefix(2000).lowercased()
        return phrases.contains { text.contains($0) }
    }
}
