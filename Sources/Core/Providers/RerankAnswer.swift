import Foundation

/// The answer of `/v1/rerank` in Cohere's shape, as every rerank upstream's answer is given to the client:
///
/// ```json
/// {"id": "...", "results": [{"index": 2, "relevance_score": 0.98, "document": {"text": "..."}}],
///  "meta": {"billed_units": {"search_units": 1}}}
/// ```
///
/// Other fields of an upstream's result are kept. `document` is there when the request asked for it (`return_documents: true`): the request's own document at that
/// index (a string as `{"text": ...}`, an object as sent), whatever the upstream returned. `meta.billed_units` carries
/// what the call is priced by (``Usage/init(rerank:)``): `search_units` (Cohere), and `total_tokens` for upstreams
/// that count tokens (Jina, vLLM).
public enum RerankAnswer {
    /// - Parameters:
    ///   - request: the client's rerank request (for `documents` and `return_documents`).
    ///   - results: the upstream's results; each needs an `index` within the request's documents and a numeric
    ///     `relevance_score`.
    ///   - id: the answer's id (the upstream's, else the gateway's request id).
    ///   - billedUnits: `meta.billed_units`.
    ///   - deploymentName: names the upstream in errors.
    /// - Throws: 502 `upstream_invalid_response` for a result without a valid index or score.
    public static func make(request: JSON, results: [JSON], id: String, billedUnits: JSON, deploymentName: String) throws -> JSON {
        let documents = request["documents"]?.arrayValue ?? []
        let returnsDocuments = request["return_documents"]?.boolValue ?? false
        let ranked = try results.map { result -> JSON in
            guard let index = result["index"]?.intValue, documents.indices.contains(index),
                let score = result["relevance_score"]?.doubleValue, score.isFinite
            else {
                throw GatewayError.badGateway(
                    "Upstream '\(deploymentName)' returned a rerank result without a valid index and relevance_score.",
                    code: "upstream_invalid_response")
            }
            // Fields of the result beyond these (Cohere's `relevant_spans`, a server's own) go to the client as sent.
            var item = result
            item["index"] = .int(index)
            item["relevance_score"] = .double(score)
            item["document"] = nil
            if returnsDocuments {
                let document = documents[index]
                item["document"] = document.stringValue.map { ["text": .string($0)] } ?? document
            }
            return item
        }
        return ["id": .string(id), "results": .array(ranked), "meta": ["billed_units": billedUnits]]
    }
}
