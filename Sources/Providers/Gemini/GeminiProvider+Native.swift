import GatewayCore
import GeminiDialect

/// A request in Gemini's own dialect (the inbound `/v1beta/models/{model}:generateContent` route) to a Gemini
/// deployment: the body goes as the client sent it (the model in the URL, not the body) and the answer comes back
/// as Gemini wrote it, whole as its bytes or event by event, with the OpenAI-shaped view the hooks read (usage,
/// texts, tool calls) decoded on the side by the same translator and decoder OpenAI chat uses.
extension GeminiProvider {
    /// Members the gateway puts into a native body (the deployment's model, whether the client asked for a stream)
    /// that Gemini's request has no place for: Gemini rejects unknown fields.
    static let gatewayMembers = ["model", "stream"]

    func sendNative(_ native: NativeBody, _ call: UpstreamCall) async throws -> GatewayResponse {
        let deployment = call.deployment
        let streaming = native.json["stream"]?.boolValue ?? call.isStreaming
        var body = native.json
        if case .object(var members) = body {
            for member in Self.gatewayMembers { members.removeValue(forKey: member) }
            body = .object(members)
        }
        let response = try await post(body, method: streaming ? "streamGenerateContent" : "generateContent", call: call)
        let id = "chatcmpl-\(call.requestID)"
        guard streaming else {
            let (answer, bytes) = try await client.readJSONWithBytes(response, deployment: deployment)
            try Self.checkIsAnswer(answer, deployment: deployment)
            let view = GeminiResponseTranslator.openAIResponse(fromGemini: answer, model: deployment.upstreamModel, id: id)
            return .native(NativeAnswer(dialect: .geminiGenerateContent, body: answer, view: view, bytes: bytes))
        }
        return .stream(Self.chunks(from: response, deployment: deployment, id: id, relayingEvents: true))
    }
}
