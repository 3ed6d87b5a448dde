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
    /// Google's `generateContent` / `streamGenerateContent` (`/v1beta/models/{model}:generateContent`): Gemini in,
    /// translated to chat completions for the pipeline (the `GeminiDialect` target) unless the deployment speaks it.
    case geminiGenerateContent = "gemini_generate_content"
    /// `/v1/rerank` (and `/rerank`, `/v2/rerank`): Cohere's rerank shape in and out, priced per search unit.
    case rerank
    /// A Model Context Protocol `tools/call` the MCP gateway relayed to a tool server (never sent to a model): its
    /// spend-log rows have `call_type` `mcp`.
    case mcp

    /// The path OpenAI (or Anthropic) documents for this endpoint.
    public var canonicalPath: String {
        switch self {
        case .chatCompletions: "/v1/chat/completions"
        case .completions: "/v1/completions"
        case .embeddings: "/v1/embeddings"
        case .anthropicMessages: "/v1/messages"
        case .responses: "/v1/responses"
        case .geminiGenerateContent: "/v1beta/models/{model}:generateContent"
        case .rerank: "/v1/rerank"
        case .mcp: "/mcp"
        }
    }

    /// The upstream operation this endpoint calls (an MCP call never reaches a model provider; it counts as chat).
    public var operation: UpstreamOperation {
        switch self {
        case .chatCompletions, .anthropicMessages, .responses, .geminiGenerateContent, .mcp: return .chatCompletions
        case .completions: return .completions
        case .embeddings: return .embeddings
        case .rerank: return .rerank
        }
    }
}

/// What a provider is asked to do.
public enum UpstreamOperation: String, Sendable, Hashable {
    case chatCompletions = "chat_completions"
    case completions
    case embeddings
    /// Orders documents by relevance to a query, in Cohere's rerank shape (`query`, `documents`, `top_n`; answered
    /// with `results` and `meta.billed_units`), not OpenAI's: the body is the client's as it came.
    case rerank
}
