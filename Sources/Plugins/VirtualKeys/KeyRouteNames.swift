import GatewayCore

/// A key's `allowed_routes`, read as LiteLLM reads them, over every route the key calls (LLM, model list and
/// management routes alike).
///
/// An entry may be a path (`/chat/completions`, `/key/info`), a path ending in `*` (a prefix: `/key/*`), or a
/// LiteLLM route group: `llm_api_routes` (every LLM route and the model list), `openai_routes`,
/// `anthropic_routes` (`/v1/messages`), `info_routes` (management reads: `.../info`, `.../list`, the model
/// list) or `management_routes` (every management route).
enum KeyRouteNames {
    /// The model-list paths, which count as LLM and info routes.
    static let modelListRoutes: Set<String> = ["/v1/models", "/models"]

    /// Rejects a request whose route the key's `allowed_routes` does not admit (an empty list admits every route).
    /// - Throws: 403 `route_not_allowed` naming the route and the allowed ones.
    static func check(_ request: GatewayRequest, allowed: [String]) throws {
        guard !allowed.isEmpty else { return }
        let llmRoutes = routes(for: request.endpoint)
        let isLLM = llmRoutes.contains(request.route)
        let names = isLLM ? llmRoutes : [request.route]
        let permitted = allowed.contains { entry in
            matches(entry, names: names, llmEndpoint: isLLM ? request.endpoint : nil)
        }
        if !permitted {
            throw GatewayError.forbidden(
                "This key may not call \(names[0]). Allowed routes: \(allowed.joined(separator: ", ")).", code: "route_not_allowed")
        }
    }

    /// The paths that serve `endpoint`, canonical one first.
    static func routes(for endpoint: Endpoint) -> [String] {
        switch endpoint {
        case .chatCompletions: ["/v1/chat/completions", "/chat/completions", "/openai/deployments/{model}/chat/completions"]
        case .completions: ["/v1/completions", "/completions", "/openai/deployments/{model}/completions"]
        case .embeddings: ["/v1/embeddings", "/embeddings", "/openai/deployments/{model}/embeddings"]
        case .anthropicMessages: ["/v1/messages", "/anthropic/v1/messages"]
        case .responses: ["/v1/responses", "/responses"]
        case .geminiGenerateContent:
            [
                "/v1beta/models/{model}:generateContent", "/v1beta/models/{model}:streamGenerateContent", "/v1/models/{model}:generateContent",
                "/v1/models/{model}:streamGenerateContent",
            ]
        case .rerank: ["/v1/rerank", "/rerank", "/v2/rerank"]
        case .mcp: ["/mcp", "/mcp/{server}"]
        }
    }

    /// Whether one `allowed_routes` entry admits a route.
    /// - Parameters:
    ///   - names: the route's paths (an LLM endpoint's every alias, or the one registered path).
    ///   - llmEndpoint: the endpoint, for an LLM route; nil for the model list and management routes.
    static func matches(_ entry: String, names: [String], llmEndpoint: Endpoint?) -> Bool {
        let isModelList = llmEndpoint == nil && names.contains { modelListRoutes.contains($0) }
        let isManagement = llmEndpoint == nil && !isModelList
        switch entry {
        case "llm_api_routes": return llmEndpoint != nil || isModelList
        case "openai_routes": return (llmEndpoint != nil && llmEndpoint != .anthropicMessages && llmEndpoint != .geminiGenerateContent) || isModelList
        case "anthropic_routes": return llmEndpoint == .anthropicMessages
        case "management_routes": return isManagement
        case "info_routes": return isModelList || (isManagement && names.contains { $0.hasSuffix("/info") || $0.hasSuffix("/list") })
        default:
            if entry.hasSuffix("*") {
                let prefix = entry.dropLast()
                return names.contains { $0.hasPrefix(prefix) }
            }
            return names.contains(entry)
        }
    }
}
