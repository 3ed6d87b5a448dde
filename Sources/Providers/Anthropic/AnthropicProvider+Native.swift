import AnthropicMessagesDialect
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
        return try await AnthropicMessagesExchange.send(
            native.json, url: Self.messagesURL(base: deployment.apiBase ?? Self.defaultAPIBase),
            headers: Self.nativeHeaders(native, call: call.headers, deployment: deployment), streams: native.json["stream"]?.boolValue ?? false,
            native: true, client: client, deployment: deployment, secrets: SecretScrubber(secrets(of: deployment)))
    }
}
