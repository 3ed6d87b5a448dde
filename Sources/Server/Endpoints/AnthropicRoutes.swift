import GatewayCore
import Hummingbird

/// Anthropic's `POST /v1/messages`: translated to an OpenAI chat request for the pipeline (so any provider can
/// serve it) and the answer translated back, whole or streamed.
struct AnthropicRoutes {
    let runner: PipelineRunner
    let maxBodyBytes: Int

    static let paths = ["/v1/messages"]

    func register(on router: Router<GatewayRequestContext>) {
        router.post("/v1/messages") { request, context in
            let body = try await IncomingRequest.jsonBody(of: request, limit: maxBodyBytes)
            let model = body["model"]?.stringValue ?? ""
            let translated = try AnthropicRequestTranslator.openAIRequest(fromAnthropic: body)
            let gatewayRequest = IncomingRequest.gatewayRequest(request, context: context, endpoint: .anthropicMessages, body: translated)
            switch try await runner.handle(gatewayRequest) {
            case .json(let completion):
                return ResponseRendering.json(AnthropicResponseTranslator.anthropicResponse(fromOpenAI: completion, model: model))
            case .stream(let chunks):
                return ResponseRendering.anthropicStream(chunks, model: model)
            }
        }
    }
}
