import Foundation
import GatewayCore
import Hummingbird
import NIOCore

/// Anthropic-format answers of ``TestUpstream`` (`POST /v1/messages`).
enum AnthropicUpstreamResponses {
    static func messages(_ call: UpstreamCallRecord) async throws -> Response {
        if let failure = try await UpstreamFailureMode.response(for: call, anthropic: true) { return failure }
        let reply = ToolRound.reply(call, otherwise: "upstream says: " + OpenAIUpstreamResponses.lastUserText(call.body))
        let isToolCall = ToolRound.callsTool(call)
        // Unique per answer, as Anthropic's: spend logs are looked up by it.
        let id = JSON.string("msg_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))
        if !call.isStreaming {
            let content: JSON =
                isToolCall
                ? [["type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": ["city": "Paris"]]]
                : [["type": "text", "text": .string(reply)]]
            return OpenAIUpstreamResponses.json([
                "id": id, "type": "message", "role": "assistant", "model": .string(call.model), "content": content,
                "stop_reason": isToolCall ? "tool_use" : "end_turn", "stop_sequence": nil,
                "usage": CachedUsage.anthropic(for: call, plain: ["input_tokens": 11, "output_tokens": 7]),
            ])
        }
        func event(_ type: String, _ data: JSON) -> String {
            var data = data
            data["type"] = .string(type)
            return ServerSentEvent(event: type, data: data.serializedString()).encoded
        }
        var events = [
            event(
                "message_start",
                [
                    "message": [
                        "id": id, "type": "message", "role": "assistant", "model": .string(call.model), "content": [],
                        "stop_reason": nil, "stop_sequence": nil,
                        "usage": CachedUsage.anthropicStart(for: call, plain: ["input_tokens": 11, "output_tokens": 1]),
                    ]
                ]),
            event("ping", [:]),
        ]
        if isToolCall {
            events.append(
                event(
                    "content_block_start", ["index": 0, "content_block": ["type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": [:]]]))
            events.append(event("content_block_delta", ["index": 0, "delta": ["type": "input_json_delta", "partial_json": "{\"city\":"]]))
            events.append(event("content_block_delta", ["index": 0, "delta": ["type": "input_json_delta", "partial_json": "\"Paris\"}"]]))
        } else {
            events.append(event("content_block_start", ["index": 0, "content_block": ["type": "text", "text": ""]]))
            for word in reply.split(separator: " ") {
                events.append(event("content_block_delta", ["index": 0, "delta": ["type": "text_delta", "text": .string(String(word) + " ")]]))
            }
        }
        events.append(event("content_block_stop", ["index": 0]))
        events.append(
            event(
                "message_delta",
                [
                    "delta": ["stop_reason": isToolCall ? "tool_use" : "end_turn", "stop_sequence": nil],
                    "usage": CachedUsage.anthropicDelta(for: call, plain: ["output_tokens": 7]),
                ]))
        events.append(event("message_stop", [:]))
        if call.mode == "cut-stream" { return UpstreamFailureMode.cutStream(Array(events.prefix(3))) }
        return OpenAIUpstreamResponses.stream(
            events, delay: call.mode == "slow-stream" ? TestUpstream.slowChunkDelay : nil, together: call.mode == "one-write-stream")
    }
}
