public import GatewayCore
import GeminiDialect

/// One `generateContent` / `streamGenerateContent` call and its answer, for an upstream that speaks Gemini's format
/// under its own URL and auth: Gemini on Vertex AI (the `vertex_ai/` provider) builds on it, with the same codecs and
/// stream handling as ``GeminiProvider``.
public enum GeminiGenerateExchange {
    /// The body to send for `call`: a Gemini-dialect body as the client sent it (less the gateway's `model` and
    /// `stream`), or the OpenAI chat body translated (``GeminiRequestTranslator``; the deployment's `safety_settings`
    /// when the request has none).
    /// - Returns: the body, whether the call streams, and whether the client speaks Gemini's dialect.
    /// - Throws: 400 naming what Gemini cannot express (unless `drop_params`).
    public static func body(for call: UpstreamCall) throws -> (body: JSON, streams: Bool, native: Bool) {
        if let native = call.native, native.dialect == .geminiGenerateContent {
            var members = native.json.objectValue ?? [:]
            for member in GeminiProvider.gatewayMembers { members.removeValue(forKey: member) }
            return (.object(members), native.json["stream"]?.boolValue ?? call.isStreaming, true)
        }
        let deployment = call.deployment
        var body = try GeminiRequestTranslator.geminiRequest(
            fromOpenAI: call.body, model: deployment.modelName, dropUnsupported: call.dropsUnsupportedParams)
        if body["safetySettings"] == nil, let safety = deployment.extraParams["safety_settings"], !safety.isNull { body["safetySettings"] = safety }
        return (body, call.isStreaming, false)
    }

    /// Posts `body` to `url` (`...:generateContent`, or `...:streamGenerateContent?alt=sse` when `streams`) and reads
    /// the answer: Gemini's own (bytes or events relayed) with the OpenAI view beside it when `native`, else the view.
    /// - Throws: what ``UpstreamHTTPClient`` throws; 502 `upstream_invalid_response` for a body that is not a
    ///   `GenerateContentResponse`; a cut stream is 502 `upstream_stream_cut`.
    public static func send(
        _ body: JSON, url: String, headers: [(String, String)], streams: Bool, native: Bool, client: UpstreamHTTPClient, call: UpstreamCall,
        secrets: SecretScrubber
    ) async throws -> GatewayResponse {
        let deployment = call.deployment
        let response = try await client.post(url: url, headers: headers, body: body, deployment: deployment, secrets: secrets)
        let id = "chatcmpl-\(call.requestID)"
        guard streams else {
            let (answer, bytes) = try await client.readJSONWithBytes(response, deployment: deployment)
            try GeminiProvider.checkIsAnswer(answer, deployment: deployment)
            let view = GeminiResponseTranslator.openAIResponse(fromGemini: answer, model: deployment.upstreamModel, id: id)
            return native ? .native(NativeAnswer(dialect: .geminiGenerateContent, body: answer, view: view, bytes: bytes)) : .json(view)
        }
        return .stream(GeminiProvider.chunks(from: response, deployment: deployment, id: id, relayingEvents: native))
    }
}
