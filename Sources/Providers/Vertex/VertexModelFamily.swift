/// The publisher of a Vertex AI model, which decides its wire format and its endpoint's methods.
public enum VertexModelFamily: String, Sendable, Equatable {
    /// Claude (`claude-...`): Anthropic's Messages format at `publishers/anthropic`, `rawPredict` / `streamRawPredict`.
    case anthropic
    /// Gemini (`gemini-...`): Google's `generateContent` at `publishers/google`, `generateContent` /
    /// `streamGenerateContent?alt=sse`.
    case gemini

    /// The family of a model id as LiteLLM tells it: `claude` anywhere in the name is Anthropic's, a name starting
    /// with `gemini` Google's; nil for the other publishers (Llama, Mistral, ...) not served yet.
    public init?(model: String) {
        let name = model.lowercased()
        if name.hasPrefix("claude") || name.contains("/claude") {
            self = .anthropic
        } else if name.hasPrefix("gemini") {
            self = .gemini
        } else {
            return nil
        }
    }

    /// The path segment of the publisher: `anthropic` or `google`.
    public var publisher: String {
        switch self {
        case .anthropic: "anthropic"
        case .gemini: "google"
        }
    }
}
