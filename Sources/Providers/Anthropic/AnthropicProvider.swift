import AnthropicMessagesDialect
public import GatewayCore

/// The `anthropic/` provider: speaks Anthropic's Messages API natively (`AnthropicProvider+Native.swift`), and
/// translates an OpenAI-shaped call to it and the answer (whole or streamed) back.
public struct AnthropicProvider: Provider {
    static let defaultAPIBase = "https://api.anthropic.com"
    static let apiVersion = "2023-06-01"

    let client: UpstreamHTTPClient

    public init(client: UpstreamHTTPClient) {
        self.client = client
    }

    public func send(_ call: UpstreamCall) async throws -> GatewayResponse {
        if let native = call.native, native.dialect == .anthropicMessages { return try await sendNative(native, call) }
        let deployment = call.deployment
        guard call.operation == .chatCompletions else {
            throw GatewayError.badRequest("Model '\(deployment.modelName)' is an Anthropic model and supports chat completions only.", param: "model")
        }
        let body = try AnthropicRequestTranslator.anthropicRequest(
            fromOpenAI: call.body, upstreamModel: deployment.upstreamModel, dropUnsupported: call.dropsUnsupportedParams)
        var headers = call.headers + [("anthropic-version", Self.apiVersion)]
        if let key = deployment.apiKey, !key.isEmpty { headers.append(("x-api-key", key)) }
        return try await AnthropicMessagesExchange.send(
            body, url: Self.messagesURL(base: deployment.apiBase ?? Self.defaultAPIBase), headers: headers, streams: call.isStreaming,
            native: false, client: client, deployment: deployment, secrets: SecretScrubber(secrets(of: deployment)))
    }

    /// `https://api.anthropic.com` → `.../v1/messages`; a base that already ends in `/v1` or `/v1/messages` is kept.
    static func messagesURL(base: String) -> String {
        var trimmed = base
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        if trimmed.hasSuffix("/v1/messages") { return trimmed }
        if trimmed.hasSuffix("/v1") { return trimmed + "/messages" }
        return trimmed + "/v1/messages"
    }
}
