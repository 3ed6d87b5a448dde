public import GatewayCore

/// `/v1/rerank` to an upstream that serves rerank in Cohere's request shape under its OpenAI-compatible base: Jina
/// AI (`jina_ai/`, `https://api.jina.ai/v1/rerank`), vLLM (`hosted_vllm/`), Infinity, TEI behind an
/// OpenAI-compatible router, and the like.
///
/// The request goes as the client sent it (`query`, `documents`, `top_n`, `return_documents`, and any field the
/// upstream knows), with `model` set and the gateway's own fields (`metadata`, `fallbacks`, ...) left out. Their
/// answers (`results[{index, relevance_score, document}]`, `usage.total_tokens`) come back in Cohere's shape
/// (``RerankAnswer``), with the tokens in `meta.billed_units.total_tokens` and, when the upstream reports none of
/// its own, one search unit for the query, so a per-query price (`input_cost_per_query`) applies as on Cohere.
extension OpenAICompatibleProvider {
    /// Fields the gateway reads itself, never sent upstream.
    static let gatewayRerankFields: Set<String> = ["metadata", "fallbacks", "guardrails", "tags", "mock_response", "user"]

    /// `{base}/rerank` when the base ends in `/v1` (or another version), `{base}` when it already ends in `/rerank`,
    /// else `{base}/v1/rerank` (vLLM's path on a bare host, as LiteLLM builds it).
    static func rerankURL(base: String) -> String {
        if base.hasSuffix("/rerank") { return base }
        let last = base.split(separator: "/").last.map(String.init) ?? ""
        let isVersion = last.count >= 2 && last.first == "v" && last.dropFirst().allSatisfy(\.isNumber)
        return isVersion ? base + "/rerank" : base + "/v1/rerank"
    }

    func rerank(_ call: UpstreamCall, base: String, headers: [(String, String)]) async throws -> GatewayResponse {
        let deployment = call.deployment
        var body = call.body
        for field in Self.gatewayRerankFields { body[field] = nil }
        let response = try await client.post(
            url: Self.rerankURL(base: base), headers: headers, body: body, deployment: deployment, secrets: SecretScrubber(secrets(of: deployment)))
        let answer = try await client.readJSON(response, deployment: deployment)
        guard let results = answer["results"]?.arrayValue else {
            throw GatewayError.badGateway(
                "Upstream '\(deployment.modelName)' returned a body that is not a rerank answer.", code: "upstream_invalid_response")
        }
        var billed = answer["meta"]?["billed_units"]?.objectValue ?? [:]
        if billed["search_units"] == nil { billed["search_units"] = 1 }
        if billed["total_tokens"] == nil, let tokens = answer["usage"]?["total_tokens"] ?? answer["usage"]?["prompt_tokens"] {
            billed["total_tokens"] = .int(Usage.count(tokens))
        }
        let id = answer["id"]?.stringValue ?? call.requestID
        return .json(
            try RerankAnswer.make(request: call.body, results: results, id: id, billedUnits: .object(billed), deploymentName: deployment.modelName))
    }
}
