import AnthropicMessagesDialect
import Foundation
import GatewayCore
import HTTPTypes
import Hummingbird

/// Anthropic's `POST /v1/messages`. The hooks read the request's OpenAI chat view; an Anthropic deployment gets the
/// body as the client sent it and its answer goes back as it came (``NativeRequest``), any other deployment gets the
/// view and its answer is translated back, whole or streamed.
struct AnthropicRoutes {
    let runner: PipelineRunner
    let maxBodyBytes: Int

    static let paths = ["/v1/messages", "/v1/messages/count_tokens"]

    /// Set on a `/v1/messages/count_tokens` answer that is the gateway's estimate, not the upstream's count.
    static let estimateHeader = HTTPField.Name("x-tollgate-token-count-estimated")!

    /// Anthropic's request headers that an Anthropic deployment gets as the client sent them.
    static let forwardedHeaders = [HTTPField.Name("anthropic-version")!, HTTPField.Name("anthropic-beta")!]

    func register(on router: some RouterMethods<GatewayRequestContext>) {
        router.post("/v1/messages/count_tokens") { request, context in
            let counted = try await runner.countTokens(try await gatewayRequest(request, context: context))
            // Anthropic's answer as it came; elsewhere the gateway's estimate, and a header that says so.
            if counted.estimated { context.responseHeaders.set(Self.estimateHeader, "true") }
            return ResponseRendering.json(counted.body)
        }
        router.post("/v1/messages") { request, context in
            let gatewayRequest = try await gatewayRequest(request, context: context)
            let model = gatewayRequest.native?.body["model"]?.stringValue ?? ""
            switch try await Self.namingMessagesFields(gatewayRequest.native) { try await runner.handle(gatewayRequest) } {
            case .json(let completion):
                return ResponseRendering.json(AnthropicResponseTranslator.anthropicResponse(fromOpenAI: completion, model: model))
            case .native(let answer):
                guard let bytes = answer.rendered(for: .anthropicMessages) else {
                    return ResponseRendering.json(AnthropicResponseTranslator.anthropicResponse(fromOpenAI: answer.view, model: model))
                }
                return ResponseRendering.json(bytes: bytes)
            case .stream(let chunks):
                return ResponseRendering.anthropicStream(chunks, model: model)
            }
        }
    }

    /// The answer of `call`; an error naming part of the chat view (a deployment of another dialect refusing what the
    /// view carries) names the field of the Messages request it came from instead (``AnthropicRequestTranslator/field(ofViewParam:in:)``).
    /// The fields ``NativeRequest/untranslated`` names are the request's own already.
    static func namingMessagesFields(_ native: NativeRequest?, _ call: () async throws -> GatewayResponse) async throws -> GatewayResponse {
        do {
            return try await call()
        } catch var error as GatewayError {
            guard let native, let param = error.param, !native.untranslated.contains(param) else { throw error }
            let field = AnthropicRequestTranslator.field(ofViewParam: param, in: native.body)
            error.param = field
            error.message = error.message.replacingOccurrences(of: "'\(param)'", with: "'\(field)'")
            throw error
        }
    }

    /// The request with its Anthropic body kept (``NativeRequest``) beside the OpenAI chat view the hooks read.
    private func gatewayRequest(_ request: Request, context: GatewayRequestContext) async throws -> GatewayRequest {
        let body = try await IncomingRequest.jsonBody(of: request, limit: maxBodyBytes)
        let translated = try AnthropicRequestTranslator.openAIRequest(fromAnthropic: body)
        var gatewayRequest = IncomingRequest.gatewayRequest(request, context: context, endpoint: .anthropicMessages, body: translated)
        let forwarded = Self.forwardedHeaders.compactMap { name in request.headers[name].map { (name.canonicalName, $0) } }
        gatewayRequest.native = NativeRequest(
            dialect: .anthropicMessages, body: body, view: translated, headers: forwarded,
            untranslated: AnthropicRequestTranslator.untranslatedFields(of: body), hostedTools: AnthropicRequestTranslator.serverTools(of: body))
        return gatewayRequest
    }
}
