import GatewayCore
import Hummingbird

/// OpenAI's endpoints: chat completions, completions, embeddings (with and without the `/v1` prefix).
struct OpenAIRoutes {
    let runner: PipelineRunner
    let maxBodyBytes: Int

    static let paths: [(String, Endpoint)] = [
        ("/v1/chat/completions", .chatCompletions), ("/chat/completions", .chatCompletions),
        ("/v1/completions", .completions), ("/completions", .completions),
        ("/v1/embeddings", .embeddings), ("/embeddings", .embeddings),
    ]

    func register(on router: Router<GatewayRequestContext>) {
        for (path, endpoint) in Self.paths {
            router.post(RouterPath(path)) { request, context in
                try await serve(request, context: context, endpoint: endpoint)
            }
        }
    }

    private func serve(_ request: Request, context: GatewayRequestContext, endpoint: Endpoint) async throws -> Response {
        let body = try await IncomingRequest.jsonBody(of: request, limit: maxBodyBytes)
        let gatewayRequest = IncomingRequest.gatewayRequest(request, context: context, endpoint: endpoint, body: body)
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
