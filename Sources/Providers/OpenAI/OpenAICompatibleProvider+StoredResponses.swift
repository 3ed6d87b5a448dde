import AsyncHTTPClient
public import GatewayCore
import NIOHTTP1
public import OpenAIResponsesDialect

/// `GET`/`DELETE {api_base}/responses/{id}` and `GET …/{id}/input_items` for a response the upstream created and the
/// gateway did not store: the client's id names the deployment (``NativeResponseID``), the upstream gets its own.
extension OpenAICompatibleProvider: ResponsesUpstream {
    public func forward(_ action: StoredResponseAction, upstreamID: String, deployment: Deployment) async throws -> JSON {
        guard speaksResponses, let base = deployment.apiBase ?? defaultAPIBase else {
            throw GatewayError.notFound("Response '\(upstreamID)' cannot be retrieved from '\(deployment.modelName)'.")
        }
        var headers: [(String, String)] = []
        if let key = deployment.apiKey, !key.isEmpty { headers.append(("authorization", "Bearer \(key)")) }
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return try await Self.forward(
            action, url: trimmed + "/responses/" + Self.pathSegment(upstreamID), query: "", headers: headers, deployment: deployment,
            client: client, secrets: SecretScrubber(secrets(of: deployment)))
    }

    /// Forwards `action` to `url` (the response's own URL, `{…}/responses/{id}`) with `query` (`api-version=…`, or
    /// empty) and `headers`: ``forward(_:upstreamID:deployment:)`` once the URL and credentials are known, public for
    /// providers that serve the Responses API under another URL scheme or auth (Azure OpenAI).
    public static func forward(
        _ action: StoredResponseAction, url: String, query: String, headers: [(String, String)], deployment: Deployment,
        client: UpstreamHTTPClient, secrets: SecretScrubber
    ) async throws -> JSON {
        var target = url
        var parameters = query.isEmpty ? [] : [query]
        let method: HTTPMethod
        switch action {
        case .retrieve: method = .GET
        case .delete: method = .DELETE
        case .inputItems(let paging):
            method = .GET
            target += "/input_items"
            parameters += paging.sorted { $0.key < $1.key }.map { "\(Self.pathSegment($0.key))=\(Self.pathSegment($0.value))" }
        }
        if !parameters.isEmpty { target += "?" + parameters.joined(separator: "&") }
        let response = try await client.execute(method, url: target, headers: headers, body: nil, deployment: deployment, secrets: secrets)
        let answer = try await client.readJSON(response, deployment: deployment)
        if case .inputItems = action { return answer }
        // A retrieved response (and a deletion's confirmation) names the response: as the client knows it.
        return ResponseIDRewriter(deploymentID: deployment.id, provider: deployment.provider).rewritingID(of: answer)
    }

    /// `text` percent-encoded for a URL path segment or query value.
    public static func pathSegment(_ text: String) -> String { PercentEncoding.unreserved(text) }
}
