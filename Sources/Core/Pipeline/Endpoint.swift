/// The LLM operations the pipeline serves. The request body inside the pipeline is always OpenAI-shaped;
/// `anthropicMessages` is translated in and out at the HTTP edge.
public enum Endpoint: String, Sendable, Hashable {
    case chatCompletions = "chat_completions"
    case completions
    case embeddings
    /// `/v1/messages`: Anthropic in, translated to chat completions for the pipeline.
    case anthropicMessages = "anthropic_messages"
    /// `/v1/responses`: OpenAI's Responses API, translated to chat completions at the HTTP edge (the
    /// `OpenAIResponsesDialect` target) so any deployment answers it.
    case responses

    /// The path OpenAI (or Anthropic) documents for this endpoint.
    public var canonicalPath: String {
        switch self {
        case .chatCompletions: "/v1/chat/completions"
        case .completions: "/v1/completions"
        case .embeddings: "/v1/embeddings"
        case .anthropicMessages: "/v1/messages"
        case .responses: "/v1/responses"
        }
    }

    /// The upstream operation this endpoint calls.
    public var operation: UpstreamOperation {
        switch self {
        case .chatCompletions, .anthropicMessages, .responses: return .chatCompletions
        case .completions: return .completions
        case .embeddings: return .embeddings
        }
    }
}

/// What a provider is asked to do.
public enum UpstreamOperation: String, Sendable, Hashable {
    case chatCompletions = "chat_completions"
    case completions
    case embeddings
}
