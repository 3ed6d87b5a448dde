public import GatewayCore

/// A `/v1/rerank` request as a Cohere v2 rerank request (`POST /v2/rerank`), and the answer in the gateway's rerank
/// shape (``RerankAnswer``).
///
/// | client (Cohere v1/v2 shape) | v2 |
/// | --- | --- |
/// | `query`, `top_n`, `max_tokens_per_doc`, `priority`, `relevant_spans` | the same |
/// | `documents`: strings | the same |
/// | `documents`: objects (v1), with `rank_fields` | one string per document, `field: value` lines (the fields of `rank_fields`, else all, in the object's order), as Cohere recommends for structured data |
/// | `return_documents` | not sent: v2 returns no documents, so the gateway adds the request's own to each result |
///
/// Anything else (v1's `max_chunks_per_doc`, unknown fields) is refused with 400 `unsupported_params` naming it,
/// unless `drop_params` drops it.
public enum CohereRerank {
    static let mappedParams: Set<String> = [
        "model", "query", "documents", "top_n", "max_tokens_per_doc", "priority", "relevant_spans", "rank_fields", "return_documents", "user",
    ]
    static let gatewayFields: Set<String> = ["metadata", "fallbacks", "guardrails", "tags", "mock_response"]

    /// - Throws: 400 `unsupported_params` for what v2 cannot express; 400 for a document that is neither a string nor an object.
    public static func cohereBody(_ request: JSON, deploymentName: String, dropUnsupported: Bool) throws -> JSON {
        if !dropUnsupported,
            let name = (request.objectValue ?? [:]).filter({ !$0.value.isNull && !mappedParams.contains($0.key) && !gatewayFields.contains($0.key) })
                .keys.sorted().first
        {
            throw CohereChatRequest.refusal(name, "the rerank parameter '\(name)'", deploymentName: deploymentName)
        }
        let fields = request["rank_fields"]?.arrayValue?.compactMap(\.stringValue)
        let documents = try (request["documents"]?.arrayValue ?? []).enumerated().map { index, document -> JSON in
            if document.stringValue != nil { return document }
            guard let object = document.objectValue else {
                throw GatewayError.badRequest("documents[\(index)] must be a string or an object.", param: "documents[\(index)]")
            }
            return .string(text(of: object, fields: fields))
        }
        var body: JSON = ["model": request["model"] ?? .null, "query": request["query"] ?? "", "documents": .array(documents)]
        for name in ["top_n", "max_tokens_per_doc", "priority", "relevant_spans"] {
            if let value = request[name], !value.isNull { body[name] = value }
        }
        return body
    }

    /// An object document as `field: value` lines: `fields` in their order when given (absent ones skipped), else
    /// the object's keys sorted; a value that is not a string as JSON.
    static func text(of document: [String: JSON], fields: [String]?) -> String {
        let keys = fields ?? document.keys.sorted()
        return keys.compactMap { key in document[key].map { "\(key): \($0.stringValue ?? $0.serializedString())" } }.joined(separator: "\n")
    }
}

extension CohereProvider {
    func rerank(_ call: UpstreamCall) async throws -> GatewayResponse {
        let deployment = call.deployment
        let body = try CohereRerank.cohereBody(call.body, deploymentName: deployment.modelName, dropUnsupported: call.dropsUnsupportedParams)
        let answer = try await client.readJSON(try await post(body, path: "rerank", call: call), deployment: deployment)
        guard let results = answer["results"]?.arrayValue else {
            throw GatewayError.badGateway(
                "Upstream '\(deployment.modelName)' returned a body that is not a rerank answer.", code: "upstream_invalid_response")
        }
        return .json(
            try RerankAnswer.make(
                request: call.body, results: results, id: answer["id"]?.stringValue ?? call.requestID,
                billedUnits: answer["meta"]?["billed_units"] ?? ["search_units": 1], deploymentName: deployment.modelName))
    }

    func embed(_ call: UpstreamCall) async throws -> GatewayResponse {
        let deployment = call.deployment
        let request = try CohereEmbeddings(openAI: call.body, deploymentName: deployment.modelName, dropUnsupported: call.dropsUnsupportedParams)
        let answer = try await client.readJSON(try await post(request.body, path: "embed", call: call), deployment: deployment)
        return .json(try request.openAIResponse(answer, model: deployment.upstreamModel))
    }
}
