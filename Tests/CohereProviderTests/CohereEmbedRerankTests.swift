import Foundation
import GatewayCore
import Testing

@testable import CohereProvider

/// ``CohereEmbeddings`` and ``CohereRerank``: the v2 bodies, the answers, and what is refused.
struct CohereEmbedRerankTests {
    @Test func embedBodyWithDefaultInputTypeAndDimensions() throws {
        let request = try CohereEmbeddings(
            openAI: ["model": "embed-v4.0", "input": ["a b", "c"], "dimensions": 256, "user": "u"], deploymentName: "emb", dropUnsupported: false)
        #expect(
            request.body == [
                "model": "embed-v4.0", "texts": ["a b", "c"], "input_type": "search_document", "embedding_types": ["float"], "output_dimension": 256,
            ])
        let own = try CohereEmbeddings(
            openAI: ["model": "m", "input": "q", "input_type": "search_query"], deploymentName: "emb", dropUnsupported: false)
        #expect(own.body["input_type"] == "search_query")
        #expect(own.body["texts"] == ["q"])
    }

    @Test func embedAnswerAsOpenAIFloatAndBase64() throws {
        let answer: JSON = ["embeddings": ["float": [[0.5, -1.0], [0.25, 2.0]]], "meta": ["billed_units": ["input_tokens": 9]]]
        let floats = try CohereEmbeddings(openAI: ["model": "m", "input": ["a", "b"]], deploymentName: "emb", dropUnsupported: false)
            .openAIResponse(answer, model: "embed-v4.0")
        #expect(floats["data"]?[1]?["embedding"] == [0.25, 2.0])
        #expect(floats["data"]?[1]?["index"] == 1)
        #expect(floats["usage"]?["prompt_tokens"] == 9)
        let encoded = try CohereEmbeddings(
            openAI: ["model": "m", "input": ["a", "b"], "encoding_format": "base64"], deploymentName: "emb", dropUnsupported: false
        )
        .openAIResponse(answer, model: "embed-v4.0")
        let bytes = try #require(Data(base64Encoded: encoded["data"]?[0]?["embedding"]?.stringValue ?? ""))
        let values = stride(from: 0, to: bytes.count, by: 4).map { offset in
            Float(bitPattern: bytes[offset..<offset + 4].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) })
        }
        #expect(values == [0.5, -1.0])
        // One vector per text, or the answer is not used.
        #expect(throws: GatewayError.self) {
            try CohereEmbeddings(openAI: ["model": "m", "input": ["a", "b", "c"]], deploymentName: "emb", dropUnsupported: false).openAIResponse(
                answer, model: "m")
        }
    }

    @Test func embedRefusals() throws {
        func refusal(_ body: JSON, drop: Bool = false) -> String? {
            do {
                _ = try CohereEmbeddings(openAI: body, deploymentName: "emb", dropUnsupported: drop)
                return nil
            } catch let error as GatewayError {
                return error.param
            } catch { return "\(error)" }
        }
        #expect(refusal(["model": "m", "input": [1, 2, 3]]) == "input")
        #expect(refusal(["model": "m", "input": []]) == "input")
        #expect(refusal(["model": "m", "input": .array(Array(repeating: "x", count: 97))]) == "input")
        #expect(refusal(["model": "m", "input": "x", "encoding_format": "int8"]) == "encoding_format")
        #expect(refusal(["model": "m", "input": "x", "dimensions": -3]) == "dimensions")
        #expect(refusal(["model": "m", "input": "x", "normalize": true]) == "normalize")
        #expect(refusal(["model": "m", "input": "x", "normalize": true], drop: true) == nil)
    }

    @Test func rerankBodyTurnsObjectDocumentsIntoFieldLines() throws {
        let body = try CohereRerank.cohereBody(
            [
                "model": "rerank-v3.5", "query": "q", "top_n": 2, "return_documents": true, "max_tokens_per_doc": 512, "metadata": ["x": 1],
                "documents": ["plain", ["title": "T", "body": "B", "n": 3]], "rank_fields": ["body", "title"],
            ], deploymentName: "rr", dropUnsupported: false)
        #expect(body == ["model": "rerank-v3.5", "query": "q", "top_n": 2, "max_tokens_per_doc": 512, "documents": ["plain", "body: B\ntitle: T"]])
        let all = try CohereRerank.cohereBody(
            ["model": "m", "query": "q", "documents": [["b": "2", "a": 1]]], deploymentName: "rr", dropUnsupported: false)
        #expect(all["documents"] == ["a: 1\nb: 2"])
        do {
            _ = try CohereRerank.cohereBody(
                ["model": "m", "query": "q", "documents": ["a"], "max_chunks_per_doc": 3], deploymentName: "rr", dropUnsupported: false)
            Issue.record("max_chunks_per_doc was not refused")
        } catch let error as GatewayError {
            #expect(error.param == "max_chunks_per_doc")
            #expect(error.code == "unsupported_params")
        }
        #expect(throws: GatewayError.self) {
            try CohereRerank.cohereBody(["model": "m", "query": "q", "documents": [3]], deploymentName: "rr", dropUnsupported: false)
        }
    }

    @Test func rerankAnswerAddsRequestedDocumentsAndChecksResults() throws {
        let request: JSON = ["query": "q", "documents": ["zero", ["text": "one", "id": "d1"]], "return_documents": true]
        let answer = try RerankAnswer.make(
            request: request, results: [["index": 1, "relevance_score": 0.9], ["index": 0, "relevance_score": 0.1]], id: "r-1",
            billedUnits: ["search_units": 1], deploymentName: "rr")
        #expect(answer["results"]?[0] == ["index": 1, "relevance_score": 0.9, "document": ["text": "one", "id": "d1"]])
        #expect(answer["results"]?[1]?["document"] == ["text": "zero"])
        #expect(answer["meta"] == ["billed_units": ["search_units": 1]])
        let usage = try #require(Usage(rerank: answer))
        #expect(usage.searchUnits == 1)
        var bare = request
        bare["return_documents"] = nil
        #expect(
            try RerankAnswer.make(request: bare, results: [["index": 0, "relevance_score": 0.5]], id: "r", billedUnits: [:], deploymentName: "rr")[
                "results"]?[0]?["document"] == nil)
        #expect(throws: GatewayError.self) {
            try RerankAnswer.make(request: request, results: [["index": 5, "relevance_score": 0.5]], id: "r", billedUnits: [:], deploymentName: "rr")
        }
    }

    @Test func rerankPricingAndCeiling() throws {
        var deployment = Deployment(id: "rr", modelName: "rr", provider: "cohere", upstreamModel: "rerank-v3.5", inputCostPerToken: 0.000001)
        deployment.costPerQuery = 0.002
        var usage = Usage(promptTokens: 100)
        usage.searchUnits = 3
        #expect(deployment.cost(of: usage) == 100 * 0.000001 + 3 * 0.002)
        let body: JSON = ["model": "rr", "query": "q", "documents": .array(Array(repeating: "doc", count: 150))]
        let ceiling = CostCeiling(body: body, operation: .rerank)
        #expect(ceiling.searchUnits == 2)
        #expect(ceiling.outputTokens(on: deployment, outputLimit: nil) == 0)
        #expect(ceiling.cost(on: deployment, outputLimit: nil) >= 2 * 0.002)
    }
}
