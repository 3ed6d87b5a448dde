import AsyncHTTPClient
public import GatewayCore

/// Any upstream that speaks OpenAI's API: OpenAI itself, vLLM, Ollama, Groq, Together, ...
///
/// The body is forwarded as it is (it is already OpenAI-shaped); a whole answer to an OpenAI client keeps the
/// upstream's bytes (``NativeAnswer``), and so do streamed chunks. A provider that ``speaksResponses`` also takes
/// `/v1/responses` requests natively (`OpenAICompatibleProvider+Responses.swift`).
public struct OpenAICompatibleProvider: Provider {
    let client: UpstreamHTTPClient
    let defaultAPIBase: String?
    /// Whether its deployments serve `POST {api_base}/responses` (``OpenAICompatibleProviders/speakingResponses``).
    public let speaksResponses: Bool

    /// - Parameters:
    ///   - defaultAPIBase: used when the deployment has no `api_base` (e.g. `https://api.openai.com/v1`).
    ///   - speaksResponses: `/v1/responses` requests pass through to the upstream's Responses API instead of being
    ///     translated to chat completions.
    public init(client: UpstreamHTTPClient, defaultAPIBase: String?, speaksResponses: Bool = false) {
        self.client = client
        self.defaultAPIBase = defaultAPIBase
        self.speaksResponses = speaksResponses
    }

    /// A deployment of a prefix with no default `api_base` (`hosted_vllm/`, `openai_compatible/`, ...) must set one.
    public func configurationProblem(of deployment: Deployment) -> String? {
        guard deployment.apiBase == nil, defaultAPIBase == nil else { return nil }
        return "model '\(deployment.modelName)' (\(deployment.provider)/) needs litellm_params.api_base"
    }

    public func send(_ call: UpstreamCall) async throws -> GatewayResponse {
        let deployment = call.deployment
        guard let base = deployment.apiBase ?? defaultAPIBase else {
            throw GatewayError.internalError("Deployment '\(deployment.id)' of '\(deployment.modelName)' has no api_base.")
        }
        if let native = call.native, native.dialect == .openAIResponses { return try await sendResponses(native, call, base: base) }
        var headers = call.headers
        if let key = deployment.apiKey, !key.isEmpty { headers.append(("authorization", "Bearer \(key)")) }
        if call.operation == .rerank { return try await rerank(call, base: base, headers: headers) }
        return try await Self.relay(
            call, url: Self.url(base: base, operation: call.operation), headers: headers, client: client,
            secrets: SecretScrubber(secrets(of: deployment)))
    }

    static func url(base: String, operation: UpstreamOperation) -> String {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        switch operation {
        case .chatCompletions: return trimmed + "/chat/completions"
        case .completions: return trimmed + "/completions"
        case .embeddings: return trimmed + "/embeddings"
        case .rerank: return rerankURL(base: trimmed)
        }
    }

    /// OpenAI SSE `data:` events to chunks; `[DONE]` ends the stream. A body that ends without `[DONE]` was cut.
    static func chunks(from response: HTTPClientResponse, deployment: Deployment) -> ChunkStream {
        ChunkStream {
            let events = UpstreamEventStream(response, deployment: deployment)
            return {
                while true {
                    guard let event = try await events.next() else {
                        throw GatewayError.badGateway(
                            "Upstream '\(deployment.modelName)' ended the stream before it was complete.", code: "upstream_stream_cut")
                    }
                    if event.data == "[DONE]" { return nil }
                    if event.data.isEmpty { continue }
                    // Checked, not parsed: the chunk is parsed only if something reads it (``StreamChunk``).
                    let nextIsReady = events.readyEvents.contains { !$0.data.isEmpty }
                    guard let chunk = StreamChunk(jsonObjectText: event.data, nextIsReady: nextIsReady) else {
                        throw GatewayError.badGateway(
                            "Upstream '\(deployment.modelName)' sent a stream event that is not JSON.", code: "upstream_invalid_response")
                    }
                    if chunk.mayHaveMember(named: "error"), let error = chunk.json["error"], !error.isNull {
                        let message = error["message"]?.stringValue ?? "unknown error"
                        throw GatewayError.badGateway("Upstream '\(deployment.modelName)' failed mid-stream: \(message)")
                    }
                    return chunk
                }
            }
        }
    }
}
