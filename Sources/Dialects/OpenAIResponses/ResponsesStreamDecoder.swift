public import GatewayCore

/// Decodes the server-sent events of a Responses API stream into OpenAI `chat.completion.chunk` views, what the
/// hooks read while a streamed `/v1/responses` request passes through (``OpenAICompatibleProvider``).
///
/// | event | view chunk |
/// |---|---|
/// | `response.created` | the first chunk: `delta.role` (the chunk `id` is the response's, as is every chunk's) |
/// | `response.output_text.delta` | `delta.content` |
/// | `response.refusal.delta` | `delta.refusal` |
/// | `response.reasoning_summary_text.delta`, `response.reasoning_text.delta` | `delta.reasoning_content` |
/// | `response.output_item.added` of a `function_call` | `delta.tool_calls[]` with its `id`, `name` and no arguments |
/// | `response.function_call_arguments.delta` | `delta.tool_calls[].function.arguments` |
/// | `response.completed`, `response.incomplete` | a chunk with the `finish_reason`, then one with `usage` |
/// | `response.failed`, `error` | thrown: a 502 naming the upstream's message |
/// | anything else (`*.done`, `*.added` of parts, `response.in_progress`) | none |
///
/// A value type that does no I/O; one per stream.
public struct ResponsesStreamDecoder: Sendable {
    let model: String
    var id = ""
    var created: JSON = 0
    /// The chat tool-call index of each `function_call` item, by its `output_index`.
    var toolIndexes: [Int: Int] = [:]
    public private(set) var finished = false

    public init(model: String) { self.model = model }

    /// The view chunks of one upstream event (none, one or two).
    /// - Throws: ``GatewayError`` for an event that is not JSON, or one that reports a failure.
    public mutating func decode(_ event: ServerSentEvent) throws -> [JSON] {
        guard !event.data.isEmpty, event.data != "[DONE]" else { return [] }
        guard let data = try? JSONParser.parse(event.data), case .object = data else {
            throw GatewayError.badGateway("The upstream sent a Responses stream event that is not JSON.", code: "upstream_invalid_response")
        }
        let type = data["type"]?.stringValue ?? event.event ?? ""
        switch type {
        case "response.created":
            id = data["response"]?["id"]?.stringValue ?? id
            created = data["response"]?["created_at"] ?? created
            return [chunk(["role": "assistant", "content": ""])]
        case "response.output_text.delta":
            return [chunk(["content": data["delta"] ?? ""])]
        case "response.refusal.delta":
            return [chunk(["refusal": data["delta"] ?? ""])]
        case "response.reasoning_summary_text.delta", "response.reasoning_text.delta":
            return [chunk(["reasoning_content": data["delta"] ?? ""])]
        case "response.output_item.added":
            guard let item = data["item"], item["type"] == "function_call" else { return [] }
            let index = toolIndexes.count
            toolIndexes[data["output_index"]?.intValue ?? index] = index
            var call = ResponsesChatView.toolCall(item, index: index)
            call["function"]?["arguments"] = ""
            return [chunk(["tool_calls": [call]])]
        case "response.function_call_arguments.delta":
            let index = toolIndexes[data["output_index"]?.intValue ?? -1] ?? max(toolIndexes.count - 1, 0)
            return [chunk(["tool_calls": [["index": .int(index), "function": ["arguments": data["delta"] ?? ""]]]])]
        case "response.completed", "response.incomplete":
            finished = true
            let response = data["response"] ?? [:]
            var last = [chunk([:], finishReason: ResponsesChatView.finishReason(of: response, callsTools: !toolIndexes.isEmpty))]
            if let usage = Usage(openAIResponses: response["usage"]) {
                last.append([
                    "id": .string(id), "object": "chat.completion.chunk", "created": created, "model": .string(model), "choices": [],
                    "usage": usage.openAIJSON,
                ])
            }
            return last
        case "response.failed", "error":
            let message = data["response"]?["error"]?["message"]?.stringValue ?? data["message"]?.stringValue ?? "unknown error"
            throw GatewayError.badGateway("The upstream failed mid-stream: \(message)")
        default:
            return []
        }
    }

    private func chunk(_ delta: JSON, finishReason: String? = nil) -> JSON {
        [
            "id": .string(id), "object": "chat.completion.chunk", "created": created, "model": .string(model),
            "choices": [["index": 0, "delta": delta, "finish_reason": finishReason.map { .string($0) } ?? .null]],
        ]
    }
}
