import AsyncHTTPClient
import Foundation
public import GatewayCore

/// The `cohere/` provider (and LiteLLM's `cohere_chat/` alias): Cohere's v2 API.
///
/// | operation | upstream | translation |
/// | --- | --- | --- |
/// | chat completions, whole and streamed | `POST {api_base}/v2/chat` | ``CohereChatRequest``, ``CohereChatResponse``, ``CohereStreamDecoder`` |
/// | embeddings | `POST {api_base}/v2/embed` | ``CohereEmbeddings`` |
/// | rerank (`/v1/rerank`) | `POST {api_base}/v2/rerank` | ``CohereRerank`` |
///
/// The key is `litellm_params.api_key`, else `COHERE_API_KEY` (or `CO_API_KEY`, the cohere SDK's) from the
/// environment, sent as `Authorization: Bearer`; `api_base` defaults to `COHERE_API_BASE`, else
/// `https://api.cohere.com` (a base ending in `/v1` or `/v2`, as LiteLLM's older defaults did, is taken without it).
/// Cohere's errors (`{"message": ...}`) are mapped by status as every upstream's are (``UpstreamHTTPClient``): 400
/// and 422 keep Cohere's message, 401/403 are the deployment's credentials (502 `upstream_auth_error`), 429 stays
/// 429, 5xx is 502.
public struct CohereProvider: Provider {
    /// The `litellm_params.model` prefixes it serves.
    public static let prefixes = ["cohere", "cohere_chat"]
    /// Where calls go when neither the deployment nor the environment names an `api_base`.
    public static let defaultAPIBase = "https://api.cohere.com"

    let client: UpstreamHTTPClient
    let environment: [String: String]

    /// - Parameters:
    ///   - client: the shared upstream client.
    ///   - environment: where `COHERE_API_KEY`, `CO_API_KEY` and `COHERE_API_BASE` are read; nil is the process's.
    public init(client: UpstreamHTTPClient, environment: [String: String]? = nil) {
        self.client = client
        self.environment = environment ?? ProcessInfo.processInfo.environment
    }

    public func send(_ call: UpstreamCall) async throws -> GatewayResponse {
        switch call.operation {
        case .chatCompletions: return try await chat(call)
        case .embeddings: return try await embed(call)
        case .rerank: return try await rerank(call)
        case .completions: throw call.operation.unsupported(by: call.deployment, serves: "chat completions, embeddings and rerank")
        }
    }

    /// The deployment's key, else the environment's.
    func apiKey(_ deployment: Deployment) -> String? {
        if let key = deployment.apiKey, !key.isEmpty { return key }
        return ["COHERE_API_KEY", "CO_API_KEY"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
    }

    /// `{base}/v2/{path}` for the deployment's base (without a trailing `/`, `/v1` or `/v2`).
    func url(_ deployment: Deployment, path: String) -> String {
        var base = deployment.apiBase ?? environment["COHERE_API_BASE"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultAPIBase
        while base.hasSuffix("/") { base.removeLast() }
        for suffix in ["/v1", "/v2"] where base.hasSuffix(suffix) { base.removeLast(suffix.count) }
        return "\(base)/v2/\(path)"
    }

    /// A deployment needs a key, its own or the environment's.
    public func configurationProblem(of deployment: Deployment) -> String? {
        apiKey(deployment) == nil ? "model '\(deployment.modelName)' (cohere/) needs litellm_params.api_key or COHERE_API_KEY" : nil
    }

    /// The deployment's secrets and the environment's key when it uses that one.
    public func secrets(of deployment: Deployment) -> [String] {
        deployment.secrets + (apiKey(deployment).map { [$0] } ?? [])
    }

    /// Posts `body` to `{base}/v2/{path}` with the key; a 2xx response whose body is still to be read.
    func post(_ body: JSON, path: String, call: UpstreamCall, accept: String = "application/json") async throws -> HTTPClientResponse {
        var headers = call.headers + [("accept", accept)]
        if let key = apiKey(call.deployment) { headers.append(("authorization", "Bearer \(key)")) }
        return try await client.post(
            url: url(call.deployment, path: path), headers: headers, body: body, deployment: call.deployment,
            secrets: SecretScrubber(secrets(of: call.deployment)))
    }
}
