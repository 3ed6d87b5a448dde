import GatewayCore
import HTTPTypes
import Hummingbird

/// Anthropic's `POST /v1/messages`. The hooks read the request's OpenAI chat view; an Anthropic deployment gets the
/// body as the client sent it and its answer goes back as it came (``NativeRequest``), any other deployment gets the
/// view and its answer is translated back, whole or streamed.
struct AnthropicRoutes {
    let runner: PipelineRunner
    let maxBodyBytes: Int

    static let paths = ["/v1/messages"]

    /// Anthropic's request headers that an Anthropic deployment gets as the client sent them.
    static let forwardedHeaders = [HTTPField.Name("anthropic-version")!, HTTPField.Name("anthropic-beta")!]

    func register(on router: Router<GatewayRequestContext>) {
        router.post("/v1/messages") { request, context in
            let body = try await IncomingRequest.jsonBody(of: request, limit: maxBodyBytes)
            let model = body["model"]?.stringValue ?? ""
            let translated = try AnthropicRequestTranslator.openAIRequest(fromAnthropic: body)
            var gatewayRequest = IncomingRequest.gatewayRequest(request, context: context, endpoint: .anthropicMessages, body: translated)
            let forwarded = Self.forwardedHeaders.compactMap { name in request.headers[name].map { (name.canonicalName, $0) } }
            gatewayRequest.native = NativeRequest(dialect: .anthropicMessages, body: body, view: translated, headers: forwarded)
            switch try await runner.handle(gatewayRequest) {
            case .json(let completion):
                return ResponseRendering.json(AnthropicResponseTranslator.anthropicResponse(fromOpenAI: completion, model: model))
            case .native(let answer):
                return ResponseRendering.json(answer.body)
            case .stream(let chunks):
                return ResponseRendering.anthropicStream(chunks, model: model)
            }
        }
    }
}
