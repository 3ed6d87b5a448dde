import Foundation
import GatewayCore
import Hummingbird
import NIOCore

/// OpenAI-format answers of ``TestUpstream``.
enum OpenAIUpstreamResponses {
    static let usage: JSON = ["prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18]

    static func chat(_ call: UpstreamCallRecord) async throws -> Response {
        if let failure = try await UpstreamFailureMode.response(for: call, anthropic: false) { return failure }
        let reply = ToolRound.reply(call, otherwise: "upstream says: " + lastUserText(call.body))
        let callsTool = ToolRound.callsTool(call)
        // Unique per answer, as a real provider's: spend logs are looked up by it.
        let id = JSON.string("chatcmpl-" + UUID().uuidString.lowercased())
        let toolCall: JSON = [
            "index": 0, "id": "call_1", "type": "function", "function": ["name": "get_weather", "arguments": "{\"city\":\"Paris\"}"],
        ]
        if !call.isStreaming {
            var message: JSON = ["role": "assistant", "content": .string(reply)]
            if callsTool {
                message = ["role": "assistant", "content": nil, "tool_calls": [toolCall]]
            }
            let finish: JSON = callsTool ? "tool_calls" : "stop"
            return json([
                "id": id, "object": "chat.completion", "created": 1_700_000_000, "model": .string(call.model),
                "choices": [["index": 0, "message": message, "finish_reason": finish]], "usage": CachedUsage.openAI(for: call, plain: usage),
            ])
        }
        func chunk(_ delta: JSON, finish: JSON = nil) -> String {
            let chunk: JSON = [
                "id": id, "object": "chat.completion.chunk", "created": 1_700_000_000, "model": .string(call.model),
                "choices": [["index": 0, "delta": delta, "finish_reason": finish]],
            ]
            return "data: \(chunk.serializedString())\n\n"
        }
        var events = [chunk(["role": "assistant", "content": ""])]
        if callsTool {
            events.append(chunk(["tool_calls": [toolCall]]))
            events.append(chunk([:], finish: "tool_calls"))
        } else {
            for word in reply.split(separator: " ") { events.append(chunk(["content": .string(String(word) + " ")])) }
            events.append(chunk([:], finish: "stop"))
        }
        // `no-usage`: an OpenAI-compatible server that ignores `stream_options` (the gateway must count tokens).
        if call.body["stream_options"]?["include_usage"]?.boolValue == true, call.mode != "no-usage" {
            let usageChunk: JSON = [
                "id": id, "object": "chat.completion.chunk", "created": 1_700_000_000, "model": .string(call.model),
                "choices": [], "usage": CachedUsage.openAI(for: call, plain: usage),
            ]
            events.append("data: \(usageChunk.serializedString())\n\n")
        }
        events.append("data: [DONE]\n\n")
        if call.mode == "cut-stream" { return UpstreamFailureMode.cutStream(Array(events.prefix(2))) }
        return stream(
            events, delay: call.mode == "slow-stream" ? TestUpstream.slowChunkDelay : nil,
            firstDelay: call.mode == "slow-first-chunk" ? TestUpstream.slowFirstChunkDelay : nil, together: call.mode == "one-write-stream")
    }

    static func completion(_ call: UpstreamCallRecord) async throws -> Response {
        if let failure = try await UpstreamFailureMode.response(for: call, anthropic: false) { return failure }
        return json([
            "id": "cmpl-upstream", "object": "text_completion", "created": 1_700_000_000, "model": .string(call.model),
            "choices": [["index": 0, "text": "upstream completion", "finish_reason": "stop", "logprobs": nil]], "usage": usage,
        ])
    }

    static func embeddings(_ call: UpstreamCallRecord) async throws -> Response {
        if let failure = try await UpstreamFailureMode.response(for: call, anthropic: false) { return failure }
        let count = call.body["input"]?.arrayValue?.count ?? 1
        let data: [JSON] = (0..<count).map { ["object": "embedding", "index": .int($0), "embedding": [0.1, 0.2, 0.3]] }
        return json(["object": "list", "data": .array(data), "model": .string(call.model), "usage": ["prompt_tokens": 3, "total_tokens": 3]])
    }

    static func lastUserText(_ body: JSON) -> String {
        let last = body["messages"]?.arrayValue?.last { $0["role"]?.stringValue == "user" }
        switch last?["content"] {
        case .string(let text)?: return text
        case .array(let parts)?: return parts.compactMap { $0["text"]?.stringValue }.joined(separator: " ")
        default: return ""
        }
    }

    static func json(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: value.serialized()))
    }

    /// A stream of pre-encoded events, optionally pausing between them (the first is sent at once, or after
    /// `firstDelay`: the status line and headers go out before it).
    /// - Parameter together: all events in one write (as a fast upstream's answer arrives: in one read).
    static func stream(_ events: [String], delay: Duration?, firstDelay: Duration? = nil, together: Bool = false) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                if together { try await writer.write(ByteBuffer(string: events.joined())) }
                for (index, event) in events.enumerated() where !together {
                    if index == 0, let firstDelay {
                        try await writer.write(ByteBuffer(string: ": waiting\n\n"))
                        try await Task.sleep(for: firstDelay)
                    }
                    if index > 0, let delay { try await Task.sleep(for: delay) }
                    try await writer.write(ByteBuffer(string: event))
                }
                try await writer.finish(nil)
            })
    }
}
