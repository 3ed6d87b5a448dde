public import GatewayCore
import GeminiDialect
import GeminiProvider

/// Gemini on Vertex AI (`vertex_ai/gemini-...`): Google's `generateContent` format at
/// `.../publishers/google/models/{model}:generateContent` and `:streamGenerateContent?alt=sse`, with the same codecs as
/// the `gemini/` provider (``GeminiGenerateExchange``): OpenAI chat is translated, a request in Gemini's own dialect
/// goes as it came and its answer comes back as Gemini wrote it. `:countTokens` of the Gemini dialect goes to Vertex's
/// `countTokens`.
extension VertexProvider {
    /// The dialects a Gemini deployment speaks natively.
    static var geminiNativeDialects: Set<Dialect> { [.geminiGenerateContent] }

    func sendGemini(_ call: UpstreamCall, settings: VertexSettings, headers: [(String, String)], secrets: SecretScrubber) async throws
        -> GatewayResponse
    {
        let isNative = call.native?.dialect == .geminiGenerateContent
        guard isNative || call.operation == .chatCompletions else {
            throw call.operation.unsupported(by: call.deployment, serves: "chat completions only")
        }
        let (body, streams, native) = try GeminiGenerateExchange.body(for: call)
        let url = streams ? settings.url(method: "streamGenerateContent") + "?alt=sse" : settings.url(method: "generateContent")
        return try await GeminiGenerateExchange.send(
            body, url: url, headers: headers, streams: streams, native: native, client: client, call: call, secrets: secrets)
    }

    /// Gemini's `countTokens` on Vertex: the body as the client sent it, less the gateway's `model` and `stream`.
    func countGeminiTokens(_ body: NativeBody, settings: VertexSettings, token: String, deployment: Deployment) async throws -> JSON {
        var members = body.json.objectValue ?? [:]
        members.removeValue(forKey: "model")
        members.removeValue(forKey: "stream")
        let response = try await client.post(
            url: settings.url(method: "countTokens"), headers: [("authorization", "Bearer \(token)")], body: .object(members), deployment: deployment,
            secrets: SecretScrubber(secrets(of: deployment) + [token]))
        return try await client.readJSON(response, deployment: deployment)
    }
}
