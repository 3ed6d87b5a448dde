import Foundation
import GatewayCore
import Hummingbird
import NIOCore

/// OpenAI's Responses API answers of ``TestUpstream`` (`POST /v1/responses`): `upstream says: <last user text>`, a
/// `get_weather` call for `tool-call` (and `tool-then-answer` until the tool's output comes back, ``ToolRound``),
/// whole or as the API's event stream; the failure modes as for chat. Each answer has its own `resp_` id and carries
/// a field no client knows (`x_upstream_extra`), to show it reaches the client. A `previous_response_id` must be one it
/// issued (``IssuedResponses``).
extension OpenAIUpstreamResponses {
    static let responsesUsage: JSON = [
        "input_tokens": 11, "input_tokens_details": ["cached_tokens": 0], "output_tokens": 7, "output_tokens_details": ["reasoning_tokens": 0],
        "total_tokens": 18,
    ]

    static func responses(_ call: UpstreamCallRecord) async throws -> Response {
        if let failure = try await UpstreamFailureMode.response(for: call, anthropic: false) { return failure }
        let previous = call.body["previous_response_id"]?.stringValue
        var recalled = ""
        if let previous {
            guard let first = IssuedResponses.firstInput(of: previous) else {
                return json(IssuedResponses.unknown(previous), status: .badRequest)
            }
            recalled = " (upstream recalls: \(first))"
        }
        let reply = ToolRound.reply(call, otherwise: "upstream says: " + lastInputText(call.body) + recalled)
        let callsTool = ToolRound.callsTool(call)
        let hex = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let id = "resp_" + hex
        IssuedResponses.issue(id, previous: previous, input: lastInputText(call.body))
        var response: JSON = [
            "id": .string(id), "object": "response", "created_at": 1_700_000_000, "status": "in_progress", "model": .string(call.model),
            "output": [], "usage": nil, "error": nil, "store": call.body["store"] ?? true, "x_upstream_extra": ["kept": true],
            "previous_response_id": previous.map { .string($0) } ?? .null,
        ]
        let item: JSON =
            callsTool
            ? [
                "id": .string("fc_" + hex), "type": "function_call", "status": "completed", "call_id": "call_1", "name": "get_weather",
                "arguments": "{\"city\":\"Paris\"}",
            ]
            : [
                "id": .string("msg_" + hex), "type": "message", "role": "assistant", "status": "completed",
                "content": [["type": "output_text", "text": .string(reply), "annotations": []]],
            ]
        var completed = response
        completed["status"] = "completed"
        completed["output"] = [item]
        completed["usage"] = responsesUsage
        // As OpenAI: a response created with `store: false` cannot be retrieved.
        if call.body["store"]?.boolValue != false { IssuedResponses.keep(completed, input: call.body["input"] ?? .null) }
        guard call.isStreaming else { return json(completed) }

        var sequence = 0
        func event(_ type: String, _ fields: JSON) -> String {
            var data = fields
            data["type"] = .string(type)
            data["sequence_number"] = .int(sequence)
            sequence += 1
            return ServerSentEvent(event: type, data: data.serializedString()).encoded
        }
        var events = [event("response.created", ["response": response]), event("response.in_progress", ["response": response])]
        var opened = item
        opened["status"] = "in_progress"
        if callsTool {
            opened["arguments"] = ""
            events.append(event("response.output_item.added", ["output_index": 0, "item": opened]))
            for delta in ["{\"city\":", "\"Paris\"}"] {
                events.append(
                    event("response.function_call_arguments.delta", ["output_index": 0, "item_id": item["id"] ?? "", "delta": .string(delta)]))
            }
            events.append(
                event(
                    "response.function_call_arguments.done", ["output_index": 0, "item_id": item["id"] ?? "", "arguments": item["arguments"] ?? ""]))
        } else {
            opened["content"] = []
            let part: JSON = ["type": "output_text", "text": "", "annotations": []]
            let at: JSON = ["output_index": 0, "item_id": item["id"] ?? "", "content_index": 0]
            events.append(event("response.output_item.added", ["output_index": 0, "item": opened]))
            events.append(event("response.content_part.added", merged(at, ["part": part])))
            for (index, word) in reply.split(separator: " ").enumerated() {
                let delta = (index == 0 ? "" : " ") + word
                events.append(event("response.output_text.delta", merged(at, ["delta": .string(delta), "logprobs": []])))
            }
            events.append(event("response.output_text.done", merged(at, ["text": .string(reply), "logprobs": []])))
            events.append(event("response.content_part.done", merged(at, ["part": item["content"]?[0] ?? part])))
        }
        events.append(event("response.output_item.done", ["output_index": 0, "item": item]))
        events.append(event("response.completed", ["response": completed]))
        response = completed
        if call.mode == "cut-stream" { return UpstreamFailureMode.cutStream(Array(events.prefix(3))) }
        return stream(events, delay: call.mode == "slow-stream" ? TestUpstream.slowChunkDelay : nil)
    }

    /// The text of the last user message of a Responses `input` (a string, or items).
    static func lastInputText(_ body: JSON) -> String {
        if let text = body["input"]?.stringValue { return text }
        let last = body["input"]?.arrayValue?.last { $0["role"] == "user" }
        switch last?["content"] {
        case .string(let text)?: return text
        case .array(let parts)?: return parts.compactMap { $0["text"]?.stringValue }.joined(separator: " ")
        default: return ""
        }
    }

    private static func merged(_ base: JSON, _ extra: JSON) -> JSON {
        var result = base
        for (key, value) in extra.objectValue ?? [:] { result[key] = value }
        return result
    }
}
