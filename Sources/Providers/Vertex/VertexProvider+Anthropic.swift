import AnthropicMessagesDialect
import AnthropicProvider
public import GatewayCore
import GeminiDialect

/// Claude on Vertex AI (`vertex_ai/claude-...`): Anthropic's Messages API at
/// `.../publishers/anthropic/models/{model}:rawPredict` (`:streamRawPredict` for a stream), as Anthropic's own
/// Vertex SDK calls it: the body is Anthropic's without `model` (it is in the path) and with
/// `anthropic_version: vertex-2023-10-16` unless the client sent one; `anthropic-beta` stays a header.
///
/// `/v1/messages` goes as the client sent it (thinking blocks with their signatures, `cache_control`, documents,
/// unknown fields) and the answer comes back as Claude wrote it (``AnthropicMessagesExchange``); OpenAI chat is
/// translated (``AnthropicRequestTranslator``) and so is its answer. `/v1/messages/count_tokens` goes to Vertex's
/// `count-tokens:rawPredict` (``countTokens(_:deployment:)``).
extension VertexProvider: TokenCounting {
    /// The `anthropic_version` Vertex AI requires in the body of a Claude call.
    public static let anthropicVertexVersion = "vertex-2023-10-16"

    /// The body `rawPredict` takes: `body` without `model`, with ``anthropicVertexVersion`` unless it has a version.
    static func rawPredictBody(_ body: JSON) -> JSON {
        var members = body.objectValue ?? [:]
        members.removeValue(forKey: "model")
        if members["anthropic_version"] == nil { members["anthropic_version"] = .string(anthropicVertexVersion) }
        return .object(members)
    }

    /// The `anthropic-beta` features the client opted into, as it sent them.
    static func betaHeaders(_ native: NativeBody?) -> [(String, String)] {
        native?.headers.filter { $0.0.lowercased() == "anthropic-beta" } ?? []
    }

    func sendAnthropic(_ call: UpstreamCall, settings: VertexSettings, headers: [(String, String)], secrets: SecretScrubber) async throws
        -> GatewayResponse
    {
        let deployment = call.deployment
        let body: JSON
        let native: NativeBody?
        if let sent = call.native, sent.dialect == .anthropicMessages {
            native = sent
            body = sent.json
        } else {
            guard call.operation == .chatCompletions else { throw call.operation.unsupported(by: deployment, serves: "chat completions only") }
            native = nil
            body = try AnthropicRequestTranslator.anthropicRequest(
                fromOpenAI: call.body, upstreamModel: deployment.upstreamModel, dropUnsupported: call.dropsUnsupportedParams)
        }
        let streams = body["stream"]?.boolValue ?? false
        return try await AnthropicMessagesExchange.send(
            Self.rawPredictBody(body), url: settings.url(method: streams ? "streamRawPredict" : "rawPredict"),
            headers: headers + Self.betaHeaders(native), streams: streams, native: native != nil, client: client, deployment: deployment,
            secrets: secrets)
    }

    /// Whether ``countTokens(_:deployment:)`` reaches Vertex: it does for both families.
    public var countsTokens: Bool { true }

    /// Counts with Vertex: `/v1/messages/count_tokens` to Claude's `publishers/anthropic/models/count-tokens:rawPredict`
    /// (the body keeps its `model`, as Vertex wants it there), Gemini's `:countTokens` to the model's `countTokens`.
    /// - Throws: 400 for a body of the other family's dialect; what a call throws for the same failures.
    public func countTokens(_ body: NativeBody, deployment: Deployment) async throws -> JSON {
        let (settings, credentials) = try resolve(deployment)
        let expected: Dialect = settings.family == .anthropic ? .anthropicMessages : .geminiGenerateContent
        guard body.dialect == expected else {
            throw GatewayError.badRequest("Model '\(deployment.modelName)' does not count tokens in this format.", param: "model")
        }
        let token = try await accessToken(credentials, deployment: deployment)
        if settings.family == .gemini { return try await countGeminiTokens(body, settings: settings, token: token, deployment: deployment) }
        var json = Self.rawPredictBody(body.json)
        json["model"] = .string(deployment.upstreamModel)
        let response = try await client.post(
            url: settings.url(method: "rawPredict", model: "count-tokens"),
            headers: [("authorization", "Bearer \(token)")] + Self.betaHeaders(body), body: json, deployment: deployment,
            secrets: SecretScrubber(secrets(of: deployment) + [token]))
        return try await client.readJSON(response, deployment: deployment)
    }
}
