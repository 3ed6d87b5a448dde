import Foundation
import GatewayCore
import GeminiDialect
import HTTPTypes
import Hummingbird

/// Google's Gemini API, so apps on `google-genai` can point at the gateway: `POST
/// /v1beta/models/{model}:generateContent`, `:streamGenerateContent` (`?alt=sse` for server-sent events, a JSON
/// array without it) and `:countTokens`, also under `/v1/models/...` (the SDK's `api_version="v1"`).
///
/// `{model}` is a gateway model name and may hold slashes (`openai/gpt-4o`: the SDK puts it in the path as it is).
/// The key comes as `x-goog-api-key` (the SDK's), any header the other routes take, or `?key=`. The hooks read the
/// request's OpenAI chat view; a deployment that speaks Gemini gets the body as the client sent it and its answer
/// goes back as it came (``NativeRequest``), any other gets the view and its answer is written as Gemini's.
/// Errors on these paths are in Google's shape (``GatewayError/googleJSON``).
struct GeminiRoutes {
    let runner: PipelineRunner
    let maxBodyBytes: Int

    /// The registered paths (a catch-all, since a model name may hold slashes).
    static let paths = ["/v1beta/models/**", "/v1/models/**"]
    /// The path prefixes before `{model}:{method}`, with their API version.
    static let prefixes = [("/v1beta/models/", "v1beta"), ("/v1/models/", "v1")]

    /// The methods served after `{model}:`.
    enum Method: String {
        case generateContent, streamGenerateContent, countTokens
    }

    /// Whether `path` is one of these routes' (errors there are rendered in Google's shape).
    static func isGeminiPath(_ path: String) -> Bool {
        prefixes.contains { path.hasPrefix($0.0) && path.contains(":") }
    }

    func register(on router: some RouterMethods<GatewayRequestContext>) {
        for path in Self.paths {
            router.post(RouterPath(path)) { request, context in
                try await serve(request, context: context)
            }
        }
    }

    /// The model name and method of a path `/{version}/models/{model}:{method}`, percent-decoded.
    /// - Throws: 404 for a path that names no model or a method these routes do not serve.
    static func target(of path: String) throws -> (model: String, method: Method, version: String) {
        let notFound = GatewayError.notFound("No route for POST \(path).", code: "route_not_found")
        guard let (prefix, version) = prefixes.first(where: { path.hasPrefix($0.0) }) else { throw notFound }
        let rest = String(path.dropFirst(prefix.count))
        let decoded = rest.removingPercentEncoding ?? rest
        guard let colon = decoded.lastIndex(of: ":") else { throw notFound }
        let model = String(decoded[..<colon])
        guard !model.isEmpty, let method = Method(rawValue: String(decoded[decoded.index(after: colon)...])) else { throw notFound }
        return (model, method, version)
    }

    private func serve(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let (model, method, version) = try Self.target(of: request.uri.path)
        let body = try await IncomingRequest.jsonBody(of: request, limit: maxBodyBytes)
        let route = "/\(version)/models/{model}:\(method.rawValue)"
        // The SDK sends x-goog-api-key; Google's REST examples put the key in the query.
        let credential = IncomingRequest.credential(of: request) ?? request.uri.queryParameters.get("key")
        if method == .countTokens {
            return try await countTokens(request, body: body, model: model, route: route, credential: credential, context: context)
        }
        let inbound = try GeminiRequestTranslator.inboundRequest(fromGemini: body, model: model, stream: method == .streamGenerateContent)
        var gatewayRequest = IncomingRequest.gatewayRequest(
            request, context: context, endpoint: .geminiGenerateContent, route: route, credential: credential, body: inbound.view)
        gatewayRequest.native = NativeRequest(dialect: .geminiGenerateContent, body: body, view: inbound.view, untranslated: inbound.untranslated)
        switch try await runner.handle(gatewayRequest) {
        case .json(let completion):
            return ResponseRendering.json(
                GeminiResponseEncoder.geminiResponse(fromOpenAI: completion, model: model, includeThoughts: inbound.includeThoughts))
        case .native(let answer):
            guard let bytes = answer.rendered(for: .geminiGenerateContent) else {
                return ResponseRendering.json(
                    GeminiResponseEncoder.geminiResponse(fromOpenAI: answer.view, model: model, includeThoughts: inbound.includeThoughts))
            }
            return ResponseRendering.json(bytes: bytes)
        case .stream(let chunks):
            let sse = request.uri.queryParameters.get("alt") == "sse"
            return ResponseRendering.geminiStream(chunks, model: model, includeThoughts: inbound.includeThoughts, sse: sse)
        }
    }

    /// `:countTokens`: `contents` (or a whole `generateContentRequest`) counted by a deployment that speaks Gemini
    /// and counts natively, else the gateway's estimate as `{"totalTokens": N}` with `x-tollgate-token-count-estimated: true` (as `/v1/messages/count_tokens`).
    private func countTokens(
        _ request: Request, body: JSON, model: String, route: String, credential: String?, context: GatewayRequestContext
    ) async throws -> Response {
        let counted = body.inboundCountSource
        let inbound = try GeminiRequestTranslator.inboundRequest(fromGemini: counted, model: model, stream: false)
        var gatewayRequest = IncomingRequest.gatewayRequest(
            request, context: context, endpoint: .geminiGenerateContent, route: route, credential: credential, body: inbound.view)
        gatewayRequest.native = NativeRequest(dialect: .geminiGenerateContent, body: body, view: inbound.view, untranslated: inbound.untranslated)
        let count = try await runner.countTokens(gatewayRequest)
        guard count.estimated else { return ResponseRendering.json(count.body) }
        context.responseHeaders.set(AnthropicRoutes.estimateHeader, "true")
        return ResponseRendering.json(["totalTokens": count.body["input_tokens"] ?? 0])
    }
}

extension JSON {
    /// What a `countTokens` body counts: its `generateContentRequest` when it has one, else itself (`contents`).
    fileprivate var inboundCountSource: JSON {
        if let request = self["generateContentRequest"] ?? self["generate_content_request"], case .object = request { return request }
        return self
    }
}
