import AsyncHTTPClient
import Foundation
public import GatewayCore
import GeminiDialect

/// The `gemini/` provider: Google's Gemini API on AI Studio (`gemini/<model>`, LiteLLM's prefix).
///
/// OpenAI chat is translated to `generateContent` (``GeminiRequestTranslator``) and the answer back
/// (``GeminiResponseTranslator``), streamed over `streamGenerateContent?alt=sse` (``GeminiStreamDecoder``); a request
/// in Gemini's own dialect goes as it came (``gatewayMembers``); both through ``GeminiGenerateExchange``, which
/// Vertex AI's Gemini models share. Embeddings go to `embedContent` /
/// `batchEmbedContents` (`GeminiProvider+Embeddings`). The key goes in `x-goog-api-key`: the deployment's
/// `api_key`, else the environment's `GEMINI_API_KEY`.
public struct GeminiProvider: Provider {
    /// The prefix of `litellm_params.model` this provider serves.
    public static let prefix = "gemini"
    /// Where AI Studio's Gemini API answers when the deployment sets no `api_base`.
    public static let defaultAPIBase = "https://generativelanguage.googleapis.com"
    /// The environment variable read when a deployment sets no `api_key` (LiteLLM's).
    public static let keyVariable = "GEMINI_API_KEY"

    let client: UpstreamHTTPClient
    let environment: [String: String]

    /// - Parameters:
    ///   - client: the shared upstream client.
    ///   - environment: where `GEMINI_API_KEY` is read; nil is the process's.
    public init(client: UpstreamHTTPClient, environment: [String: String]? = nil) {
        self.client = client
        self.environment = environment ?? ProcessInfo.processInfo.environment
    }

    public var nativeDialects: Set<Dialect> { [.geminiGenerateContent] }

    /// The deployment's configured secrets and the key it resolves to from the environment.
    public func secrets(of deployment: Deployment) -> [String] {
        deployment.secrets + [apiKey(for: deployment)].compactMap { $0 }
    }

    public func configurationProblem(of deployment: Deployment) -> String? {
        apiKey(for: deployment) == nil ? "a gemini/ deployment needs litellm_params.api_key, or \(Self.keyVariable) in the environment" : nil
    }

    /// The key sent in `x-goog-api-key`: `api_key`, else `GEMINI_API_KEY`; nil when neither is set.
    func apiKey(for deployment: Deployment) -> String? {
        if let key = deployment.apiKey, !key.isEmpty { return key }
        if let key = environment[Self.keyVariable], !key.isEmpty { return key }
        return nil
    }

    public func send(_ call: UpstreamCall) async throws -> GatewayResponse {
        let deployment = call.deployment
        if call.operation == .embeddings { return try await embeddings(call) }
        guard call.operation == .chatCompletions else {
            throw GatewayError.badRequest(
                "Model '\(deployment.modelName)' is a Gemini model and supports chat completions and embeddings only.", param: "model")
        }
        let (body, streams, native) = try GeminiGenerateExchange.body(for: call)
        let url = Self.url(base: deployment.apiBase, model: deployment.upstreamModel, method: streams ? "streamGenerateContent" : "generateContent")
        do {
            return try await GeminiGenerateExchange.send(
                body, url: url, headers: headers(call), streams: streams, native: native, client: client, call: call,
                secrets: SecretScrubber(secrets(of: deployment)))
        } catch {
            throw GeminiErrors.remapped(error, deploymentName: deployment.modelName)
        }
    }

    /// Members the gateway puts into a native body (the deployment's model, whether the client asked for a stream)
    /// that Gemini's request has no place for: Gemini rejects unknown fields. A Gemini-dialect body (the inbound
    /// `/v1beta/models/{model}:generateContent` route) otherwise goes as the client sent it, and the answer comes
    /// back as Gemini wrote it, whole as its bytes or event by event, with the OpenAI view the hooks read decoded on
    /// the side by the same translator and decoder OpenAI chat uses (``GeminiGenerateExchange``).
    static let gatewayMembers = ["model", "stream"]

    /// The call's trace headers and the key in `x-goog-api-key`.
    func headers(_ call: UpstreamCall) -> [(String, String)] {
        var headers = call.headers
        if let key = apiKey(for: call.deployment) { headers.append(("x-goog-api-key", key)) }
        return headers
    }

    /// POSTs `body` to `models/{model}:{method}` with ``headers(_:)``; Gemini's invalid-key 400 is the credential
    /// error it is (``GeminiErrors``).
    func post(_ body: JSON, method: String, call: UpstreamCall) async throws -> HTTPClientResponse {
        let deployment = call.deployment
        do {
            return try await client.post(
                url: Self.url(base: deployment.apiBase, model: deployment.upstreamModel, method: method), headers: headers(call), body: body,
                deployment: deployment, secrets: SecretScrubber(secrets(of: deployment)))
        } catch {
            throw GeminiErrors.remapped(error, deploymentName: deployment.modelName)
        }
    }

    /// `{base}/v1beta/models/{model}:{method}` (`?alt=sse` for `streamGenerateContent`); a base already ending in
    /// `/v1beta` or `/v1` keeps its version, and a model written `models/x` is not doubled.
    static func url(base: String?, model: String, method: String) -> String {
        var root = base ?? defaultAPIBase
        while root.hasSuffix("/") { root.removeLast() }
        if !root.hasSuffix("/v1beta") && !root.hasSuffix("/v1") { root += "/v1beta" }
        let name = model.hasPrefix("models/") ? String(model.dropFirst("models/".count)) : model
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#:"))) ?? name
        return "\(root)/models/\(encoded):\(method)" + (method == "streamGenerateContent" ? "?alt=sse" : "")
    }

    /// - Throws: 502 `upstream_invalid_response` for a body that is not a `GenerateContentResponse`.
    static func checkIsAnswer(_ answer: JSON, deployment: Deployment) throws {
        guard answer["candidates"] != nil || answer["promptFeedback"] != nil || answer["usageMetadata"] != nil else {
            throw GatewayError.badGateway(
                "Upstream '\(deployment.modelName)' returned a body that is not a Gemini GenerateContentResponse.", code: "upstream_invalid_response")
        }
    }
}
