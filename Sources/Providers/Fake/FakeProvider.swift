import Foundation
public import GatewayCore

/// The offline `fake/` provider: answers without any network, for demos, quickstarts and benchmarks of the
/// gateway itself. Chat replies echo the last user message; embeddings are a small deterministic vector.
public struct FakeProvider: Provider {
    public init() {}

    public func send(_ call: UpstreamCall) async throws -> GatewayResponse {
        let model = call.deployment.upstreamModel
        let created = Int(Date().timeIntervalSince1970)
        switch call.operation {
        case .embeddings:
            return .json(Self.embeddings(for: call.body, model: model))
        case .rerank:
            return .json(try Self.rerank(call.body, id: "rerank-fake-\(call.requestID)", deploymentName: call.deployment.modelName))
        case .completions:
            let text = "This is a fake completion from Tollgate."
            return .json([
                "id": .string("cmpl-fake-\(call.requestID)"), "object": "text_completion", "created": .int(created), "model": .string(model),
                "choices": [["index": 0, "text": .string(text), "finish_reason": "stop", "logprobs": nil]],
                "usage": Self.usage(prompt: 5, completion: 7),
            ])
        case .chatCompletions:
            let reply = Self.reply(to: call.body)
            let id = "chatcmpl-fake-\(call.requestID)"
            let promptTokens = Self.wordCount(call.body["messages"]?.serializedString() ?? "")
            let words = reply.split(separator: " ").map(String.init)
            guard call.isStreaming else {
                return .json([
                    "id": .string(id), "object": "chat.completion", "created": .int(created), "model": .string(model),
                    "choices": [["index": 0, "message": ["role": "assistant", "content": .string(reply)], "finish_reason": "stop"]],
                    "usage": Self.usage(prompt: promptTokens, completion: words.count),
                ])
            }
            func chunk(_ delta: JSON, finish: JSON = nil, usage: JSON? = nil) -> StreamChunk {
                var json: JSON = [
                    "id": .string(id), "object": "chat.completion.chunk", "created": .int(created), "model": .string(model),
                    "choices": usage == nil ? [["index": 0, "delta": delta, "finish_reason": finish]] : [],
                ]
                if let usage { json["usage"] = usage }
                return StreamChunk(json: json)
            }
            var chunks = [chunk(["role": "assistant", "content": ""])]
            for (index, word) in words.enumerated() { chunks.append(chunk(["content": .string(index == 0 ? word : " " + word)])) }
            chunks.append(chunk([:], finish: "stop"))
            chunks.append(chunk([:], usage: Self.usage(prompt: promptTokens, completion: words.count)))
            return .stream(ChunkStream(chunks))
        }
    }

    static func reply(to body: JSON) -> String {
        let lastUser = body["messages"]?.arrayValue?.last { $0["role"]?.stringValue == "user" }
        let text: String
        switch lastUser?["content"] {
        case .string(let content)?: text = content
        case .array(let parts)?: text = parts.compactMap { $0["text"]?.stringValue }.joined(separator: " ")
        default: text = ""
        }
        return text.isEmpty ? "Hello from Tollgate's fake provider." : "Fake reply from Tollgate. You said: \(text)"
    }

    static func embeddings(for body: JSON, model: String) -> JSON {
        let inputs: [String]
        switch body["input"] {
        case .array(let items)?: inputs = items.map { $0.stringValue ?? $0.serializedString() }
        case let single?: inputs = [single.stringValue ?? single.serializedString()]
        case nil: inputs = []
        }
        let data: [JSON] = inputs.enumerated().map { index, text in
            // A deterministic 8-dimensional vector from the text's bytes: stable across runs, differs between texts.
            var vector = [Double](repeating: 0, count: 8)
            for (offset, byte) in text.utf8.enumerated() { vector[offset % 8] += Double(byte) / 255 }
            let norm = max(vector.map { $0 * $0 }.reduce(0, +).squareRoot(), 1e-9)
            return ["object": "embedding", "index": .int(index), "embedding": .array(vector.map { .double($0 / norm) })]
        }
        let tokens = inputs.map(wordCount).reduce(0, +)
        return [
            "object": "list", "data": .array(data), "model": .string(model), "usage": ["prompt_tokens": .int(tokens), "total_tokens": .int(tokens)],
        ]
    }

    /// Ranks documents by the share of the query's words they contain (ties in document order), one search unit.
    static func rerank(_ body: JSON, id: String, deploymentName: String) throws -> JSON {
        let query = Set((body["query"]?.stringValue ?? "").lowercased().split(separator: " "))
        let documents = body["documents"]?.arrayValue ?? []
        let scored = documents.enumerated().map { index, document -> (Int, Double) in
            let words = Set((document.stringValue ?? document.serializedString()).lowercased().split(separator: " "))
            return (index, query.isEmpty ? 0 : Double(query.intersection(words).count) / Double(query.count))
        }
        var ranked = scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        if let topN = body["top_n"]?.intValue, topN >= 0 { ranked = Array(ranked.prefix(topN)) }
        let results: [JSON] = ranked.map { ["index": .int($0.0), "relevance_score": .double($0.1)] }
        return try RerankAnswer.make(request: body, results: results, id: id, billedUnits: ["search_units": 1], deploymentName: deploymentName)
    }

    static func usage(prompt: Int, completion: Int) -> JSON {
        ["prompt_tokens": .int(prompt), "completion_tokens": .int(completion), "total_tokens": .int(prompt + completion)]
    }

    static func wordCount(_ text: String) -> Int {
        max(1, text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count)
    }
}
