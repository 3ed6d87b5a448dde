import GatewayCore
import Hummingbird

/// OpenAI's endpoints: chat completions, completions, embeddings (with and without the `/v1` prefix), and Azure
/// OpenAI's (`/openai/deployments/{model}/...`, what the openai SDK's `AzureOpenAI` client calls): the deployment in
/// the path is the model, as in LiteLLM, and the `api-version` query is accepted and not needed. Rerank
/// (`/v1/rerank`, `/rerank`, `/v2/rerank`) is served here too: Cohere's shape rather than OpenAI's, the same pipeline.
struct OpenAIRoutes {
    let runner: PipelineRunner
    let maxBodyBytes: Int

    static let paths: [(String, Endpoint)] = [
        ("/v1/chat/completions", .chatCompletions), ("/chat/completions", .chatCompletions),
        ("/v1/completions", .completions), ("/completions", .completions),
        ("/v1/embeddings", .embeddings), ("/embeddings", .embeddings),
        ("/openai/deployments/{model}/chat/completions", .chatCompletions), ("/openai/deployments/{model}/completions", .completions),
        ("/openai/deployments/{model}/embeddings", .embeddings),
        // Rerank in Cohere's shape (docs/rerank.md): LiteLLM's routes, and /v2/rerank where the cohere SDK's ClientV2 posts.
        ("/v1/rerank", .rerank), ("/rerank", .rerank), ("/v2/rerank", .rerank),
    ]

    func register(on router: some RouterMethods<GatewayRequestContext>) {
        for (path, endpoint) in Self.paths {
            router.post(RouterPath(path)) { request, context in
                try await serve(request, context: context, endpoint: endpoint, route: path)
            }
        }
    }

    /// - Parameter route: the registered path, `{model}` and all (what a key's `allowed_routes` names).
    private func serve(_ request: Request, context: GatewayRequestContext, endpoint: Endpoint, route: String) async throws -> Response {
        let client = try await IncomingRequest.clientBody(of: request, limit: maxBodyBytes)
        var body = client.parsed
        // Azure's routes name the model in the path; it wins over the body's, as in LiteLLM.
        if let model = context.parameters.get("model") { body["model"] = .string(model) }
        var gatewayRequest = IncomingRequest.gatewayRequest(request, context: context, endpoint: endpoint, route: route, body: body)
        gatewayRequest.clientBody = client
        switch try await runner.handle(gatewayRequest) {
        case .json(let json):
            return ResponseRendering.json(json)
        case .native(let answer):
            // The upstream's bytes when it spoke the client's dialect and no hook changed the answer.
            return ResponseRendering.json(bytes: answer.rendered(for: answer.dialect) ?? answer.view.serialized())
        case .stream(let chunks):
            return ResponseRendering.openAIStream(chunks)
        }
    }
}
