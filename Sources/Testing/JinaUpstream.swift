import Foundation
public import GatewayCore
import Hummingbird
import NIOCore

/// A stand-in Jina AI rerank API on loopback (what `jina_ai/` and other OpenAI-compatible rerank servers such as
/// vLLM speak): `POST /v1/rerank` with `Authorization: Bearer <apiKey>` (else 401 `{"detail": ...}`), a body of
/// `model`, `query`, `documents` (strings or `{"text"}` objects), `top_n`, `return_documents`; anything else is a 422
/// as Jina's validation answers. The answer: `{model, usage: {total_tokens, prompt_tokens}, results: [{index,
/// relevance_score, document: {text}}]}`, scored as ``CohereUpstream`` scores. Every request is kept in the log.
public enum JinaUpstream {
    public static let apiKey = "jina-test-key-0001"
    static let fields: Set<String> = ["model", "query", "documents", "top_n", "return_documents"]

    public static func withRunning<T: Sendable>(_ body: (TestEndpoint, CohereUpstreamLog) async throws -> T) async throws -> T {
        let log = CohereUpstreamLog()
        let router = Router()
        router.post("/v1/rerank") { request, _ in
            let call = try await log.record(request)
            guard call.headers["authorization"] == "Bearer \(apiKey)" else { return answer(["detail": "Unauthorized"], status: .unauthorized) }
            guard let fields = call.body.objectValue, fields["model"]?.stringValue != nil, let query = fields["query"]?.stringValue,
                let documents = fields["documents"]?.arrayValue, fields.keys.allSatisfy(Self.fields.contains)
            else { return answer(["detail": "invalid request"], status: .unprocessableContent) }
            let texts = documents.map { $0.stringValue ?? $0["text"]?.stringValue ?? "" }
            let results = CohereUpstreamAnswers.scored(query: query, documents: texts, topN: fields["top_n"]?.intValue)
            let tokens = (texts + [query]).reduce(0) { $0 + $1.split(separator: " ").count }
            return answer([
                "model": fields["model"] ?? "", "usage": ["total_tokens": .int(tokens), "prompt_tokens": .int(tokens)],
                "results": .array(
                    results.map { ["index": .int($0.index), "relevance_score": .double($0.score), "document": ["text": .string(texts[$0.index])]] }),
            ])
        }
        return try await RunningServer.serve(router, label: "jina-upstream") { port in try await body(TestEndpoint(port: port), log) }
    }

    static func answer(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: value.serialized()))
    }
}
