import GatewayCore

/// LiteLLM's route names for the LLM endpoints, for a key's `allowed_routes`.
///
/// An entry may be a path (`/chat/completions`, `/v1/chat/completions`), a path ending in `*` (a prefix), or a
/// LiteLLM route group: `llm_api_routes` (every LLM route), `openai_routes` (the OpenAI-shaped ones) or
/// `anthropic_routes` (`/v1/messages`).
enum KeyRouteNames {
    /// The paths that serve `endpoint`, canonical one first.
    static func routes(for endpoint: Endpoint) -> [String] {
        switch endpoint {
        case .chatCompletions: ["/v1/chat/completions", "/chat/completions", "/openai/deployments/{model}/chat/completions"]
        case .completions: ["/v1/completions", "/completions", "/openai/deployments/{model}/completions"]
        case .embeddings: ["/v1/embeddings", "/embeddings", "/openai/deployments/{model}/embeddings"]
        case .anthropicMessages: ["/v1/messages", "/anthropic/v1/messages"]
        }
    }

    /// Whether one `allowed_routes` entry admits `endpoint`.
    static func matches(_ entry: String, endpoint: Endpoint, routes: [String]) -> Bool {
        switch entry {
        case "llm_api_routes": return true
        case "openai_routes": return endpoint != .anthropicMessages
        case "anthropic_routes": return endpoint == .anthropicMessages
        default:
            if entry.hasSuffix("*") {
                let prefix = entry.dropLast()
                return routes.contains { $0.hasPrefix(prefix) }
            }
            return routes.contains(entry)
        }
    }
}
