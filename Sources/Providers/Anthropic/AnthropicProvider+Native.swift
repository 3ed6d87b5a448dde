import AnthropicMessagesDialect
import AsyncHTTPClient
public import GatewayCore

/// `/v1/messages` to an Anthropic deployment: the body goes upstream as the client sent it (``UpstreamCall/native``)
/// and the answer comes back as Anthropic wrote it, thinking blocks and their signatures, `cache_control`, citations
/// and server tools included. The hooks read its OpenAI-shaped view, translated on the side.
extension AnthropicProvider: TokenCounting {
    public var nativeDialects: Set<Dialect> { [.anthropicMessages] }

    /// `/v1/messages/count_tokens` upstream: the count as Anthropic answers it.
    public func countTokens(_ body: NativeBody, deployment: Deployment) async throws -> JSON {
        let response = try await client.post(
            url: Self.messagesURL(base: deployment.apiBase ?? Self.defaultAPIBase) + "/count_tokens",
            headers: Self.nativeHeaders(body, call: [], deployment: deployment), body: body.json, deployment: deployment,
            secrets: SecretScrubber(secrets(of: deployment)))
        return try await client.readJSON(response, deployment: deployment)
    }

    /// The client's `anthropic-version` and `anthropic-beta` (features it opted into) as sent, the default version
    /// otherwise, and the deployment's key.
    static func nativeHeaders(_ native: NativeBody, call: [(String, String)], deployment: Deployment) -> [(String, String)] {
        var headers = call + native.headers.filter { $0.0 == "anthropic-version" || $0.0 == "anthropic-beta" }
        if !headers.contains(where: { $0.0 == "anthropic-version" }) { headers.append(("anthropic-version", apiVersion)) }
        if let key = deployment.apiKey, !key.isEmpty { headers.append(("x-api-key", key)) }
        return headers
    }

    func sendNative(_ native: NativeBody, _ call: UpstreamCall) async throws -> GatewayResponse {
        let deployment = call.deployment
        let headers = Self.nativeHeaders(native, call: call.headers, deployment: deployment)
        let response = try await client.post(
            url: Self.messagesURL(base: deployment.apiBase ?? Self.defaultAPIBase), headers: headers, body: native.json, deployment: deployment,
            secrets: SecretScrubber(secrets(of: deployment)))
        let model = deployment.upstreamModel
        guard native.json["stream"]?.boolValue ?? false else {
            let (message, bytes) = try await client.readJSONWithBytes(response, deployment: deployment)
            guard message["type"]?.stringValue == "message" else {
                throw GatewayError.badGateway(
                    "Upstream '\(deployment.modelName)' returned a body that is not an Anthropic message.", code: "upstream_invalid_response")
            }
            let view = AnthropicResponseTranslator.openAIResponse(fromAnthropic: message, model: model)
            return .native(NativeAnswer(dialect: .anthropicMessages, body: message, view: view, bytes: bytes))
        }
        return .stream(Self.chunks(from: response, deployment: deployment, relayingEvents: true))
    }

    /// An Anthropic event stream as view chunks (``AnthropicStreamDecoder``), each with the events it came from when
    /// `relayingEvents` (the client speaks Anthropic's dialect); the stream ends at `message_stop`, and a body that
    /// ends before it was cut.
    static func chunks(from response: HTTPClientResponse, deployment: Deployment, relayingEvents: Bool) -> ChunkStream {
        ChunkStream {
            let events = UpstreamEventStream(response, deployment: deployment)
            let relay = AnthropicEventRelay(AnthropicStreamDecoder(model: deployment.upstreamModel), keepsEvents: relayingEvents)
            return {
                while true {
                    if let chunk = relay.ready.popFirst() { return chunk }
                    if relay.finished { return nil }
                    guard let event = try await events.next() else {
                        throw GatewayError.badGateway(
                            "Upstream '\(deployment.modelName)' ended the stream before it was complete.", code: "upstream_stream_cut")
                    }
                    try relay.take(event)
                }
            }
        }
    }
}
