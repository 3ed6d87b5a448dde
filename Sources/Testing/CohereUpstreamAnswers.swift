import Foundation
import GatewayCore
import Hummingbird
import NIOCore

/// The answers of ``CohereUpstream``, in Cohere's v2 wire format.
enum CohereUpstreamAnswers {
    static func json(_ value: JSON) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: value.serialized()))
    }

    static let usage: JSON = [
        "billed_units": ["input_tokens": .int(CohereUpstream.billedInputTokens), "output_tokens": .int(CohereUpstream.billedOutputTokens)],
        "tokens": ["input_tokens": .int(CohereUpstream.billedInputTokens + 200), "output_tokens": .int(CohereUpstream.billedOutputTokens)],
    ]

    /// The reply the request gets: a tool call when it declares tools and has no tool result yet, else text.
    static func reply(_ body: JSON) -> (text: String?, plan: String?, call: (name: String, arguments: String)?) {
        let messages = body["messages"]?.arrayValue ?? []
        if messages.last?["role"] == "tool" { return ("It is sunny in Paris.", nil, nil) }
        if let tool = body["tools"]?[0]?["function"]?["name"]?.stringValue, body["tool_choice"] != "NONE" {
            return (nil, "I will look up the weather.", (tool, #"{"city":"Paris"}"#))
        }
        let last = messages.last { $0["role"] == "user" }?["content"]
        let text = last?.stringValue ?? last?.arrayValue?.compactMap { $0["text"]?.stringValue }.joined(separator: " ") ?? ""
        return ("cohere says: \(text)", nil, nil)
    }

    static func chat(_ body: JSON) -> Response {
        let model = body["model"]?.stringValue ?? ""
        let id = "cohere-\(UUID().uuidString.lowercased().prefix(8))"
        let reply = reply(body)
        let failed = model.hasSuffix("-error")
        let reason = failed ? "ERROR" : reply.call != nil ? "TOOL_CALL" : "COMPLETE"
        guard body["stream"]?.boolValue == true else {
            var message: JSON = ["role": "assistant"]
            if let text = reply.text { message["content"] = [["type": "text", "text": .string(text)]] }
            if let plan = reply.plan { message["tool_plan"] = .string(plan) }
            if let call = reply.call {
                message["tool_calls"] = [
                    ["id": "call_cohere_1", "type": "function", "function": ["name": .string(call.name), "arguments": .string(call.arguments)]]
                ]
            }
            return json(["id": .string(id), "finish_reason": .string(reason), "message": message, "usage": usage])
        }
        var events: [JSON] = [
            [
                "type": "message-start", "id": .string(id),
                "delta": ["message": ["role": "assistant", "content": [], "tool_plan": "", "tool_calls": [], "citations": []]],
            ]
        ]
        if let text = reply.text {
            events.append(["type": "content-start", "index": 0, "delta": ["message": ["content": ["type": "text", "text": ""]]]])
            let words = text.split(separator: " ", omittingEmptySubsequences: false).enumerated().map { $0 == 0 ? String($1) : " " + $1 }
            for word in words { events.append(["type": "content-delta", "index": 0, "delta": ["message": ["content": ["text": .string(word)]]]]) }
            events.append(["type": "content-end", "index": 0])
        }
        if let plan = reply.plan {
            for piece in [String(plan.prefix(6)), String(plan.dropFirst(6))] {
                events.append(["type": "tool-plan-delta", "delta": ["message": ["tool_plan": .string(piece)]]])
            }
        }
        if let call = reply.call {
            let start: JSON = ["id": "call_cohere_1", "type": "function", "function": ["name": .string(call.name), "arguments": ""]]
            events.append(["type": "tool-call-start", "index": 0, "delta": ["message": ["tool_calls": start]]])
            for piece in [String(call.arguments.prefix(5)), String(call.arguments.dropFirst(5))] {
                events.append([
                    "type": "tool-call-delta", "index": 0, "delta": ["message": ["tool_calls": ["function": ["arguments": .string(piece)]]]],
                ])
            }
            events.append(["type": "tool-call-end", "index": 0])
        }
        var end: JSON = ["finish_reason": .string(reason), "usage": usage]
        if failed { end["error"] = "the model failed to generate" }
        events.append(["type": "message-end", "delta": end])
        let encoded = events.map { "event: \($0["type"]?.stringValue ?? "")\ndata: \($0.serializedString())\n\n" }
        if model.hasSuffix("-cut") {
            let firstDelta = encoded.firstIndex { $0.hasPrefix("event: content-delta") } ?? 0
            return UpstreamFailureMode.cutStream(Array(encoded.prefix(firstDelta + 1)))
        }
        return OpenAIUpstreamResponses.stream(encoded, delay: nil)
    }

    /// One float vector per text, of `output_dimension` values (4 by default), from the text's bytes.
    static func embed(_ body: JSON) -> Response {
        let texts = body["texts"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let dimension = max(1, min(body["output_dimension"]?.intValue ?? 4, 4096))
        let vectors: [JSON] = texts.map { text in
            var vector = [Double](repeating: 0, count: dimension)
            for (offset, byte) in text.utf8.enumerated() { vector[offset % dimension] += Double(byte) / 1000 }
            return .array(vector.map { .double($0) })
        }
        let words = texts.reduce(0) { $0 + $1.split(separator: " ").count }
        return json([
            "id": .string(UUID().uuidString.lowercased()), "response_type": "embeddings_by_type", "texts": .array(texts.map { .string($0) }),
            "embeddings": ["float": .array(vectors)], "meta": ["api_version": ["version": "2"], "billed_units": ["input_tokens": .int(words)]],
        ])
    }

    static func rerank(_ body: JSON) -> Response {
        let documents = body["documents"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let results = scored(query: body["query"]?.stringValue ?? "", documents: documents, topN: body["top_n"]?.intValue)
        return json([
            "id": .string(UUID().uuidString.lowercased()),
            "results": .array(results.map { ["index": .int($0.index), "relevance_score": .double($0.score)] }),
            "meta": ["api_version": ["version": "2"], "billed_units": ["search_units": .int((documents.count + 99) / 100)]],
        ])
    }

    /// Documents by the share of the query's words each holds, best first (ties in document order), `topN` of them.
    static func scored(query: String, documents: [String], topN: Int?) -> [(index: Int, score: Double)] {
        let words = Set(query.lowercased().split(separator: " "))
        let scored = documents.enumerated().map { index, document in
            let own = Set(document.lowercased().split(separator: " "))
            return (index: index, score: words.isEmpty ? 0 : Double(words.intersection(own).count) / Double(words.count))
        }
        let sorted = scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        return Array(sorted.prefix(max(0, topN ?? sorted.count)))
    }
}
