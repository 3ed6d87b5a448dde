import Foundation
import GatewayCore
import GatewayTesting
import Hummingbird
import NIOCore
import Synchronization

/// A stand-in for Anthropic's Messages API with extended thinking, strict as the real one: every assistant turn sent
/// back must carry its thinking blocks intact, signature included, or the call is refused with a 400
/// `invalid_request_error`, as Anthropic refuses a tool-use turn whose thinking did not come back.
///
/// The first turn (a user question) thinks, signs the thinking (a random signature this upstream remembers for that
/// text), and calls `get_weather`; a turn that carries the tool result thinks again and answers. Plain or streamed
/// (`thinking_delta`, `signature_delta`), and `/v1/messages/count_tokens`. Every received body and its headers are
/// kept for the test to check.
final class ThinkingUpstream: Sendable {
    private let signatures = Mutex<[String: String]>([:])
    private let received = Mutex<[(body: JSON, headers: [String: String])]>([])

    /// The bodies received on `/v1/messages`, oldest first, with their `anthropic-*` headers.
    var calls: [(body: JSON, headers: [String: String])] { received.withLock { $0 } }

    /// Runs the upstream for the duration of `body`.
    static func withRunning<T: Sendable>(_ body: (TestEndpoint, ThinkingUpstream) async throws -> T) async throws -> T {
        let upstream = ThinkingUpstream()
        let router = Router()
        router.post("/v1/messages") { request, _ in
            let call = try await JSON(parsing: request.body.collect(upTo: 1 << 24))
            var headers: [String: String] = [:]
            for field in request.headers where field.name.canonicalName.hasPrefix("anthropic-") || field.name.canonicalName == "x-api-key" {
                headers[field.name.canonicalName] = field.value
            }
            upstream.received.withLock { $0.append((call, headers)) }
            return upstream.answer(call)
        }
        router.post("/v1/messages/count_tokens") { request, _ in
            let call = try await JSON(parsing: request.body.collect(upTo: 1 << 24))
            guard call["model"] != nil, call["messages"] != nil else { return Self.error("count_tokens needs model and messages") }
            return Self.json(["input_tokens": .int(call["messages"]?.serializedString().count ?? 0)])
        }
        return try await RunningServer.serve(router, label: "thinking-upstream") { port in
            try await body(TestEndpoint(port: port), upstream)
        }
    }

    /// The signature issued for `thinking` (issued on first use).
    func signature(of thinking: String) -> String {
        signatures.withLock { issued in
            if let known = issued[thinking] { return known }
            let fresh = Data((0..<48).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            issued[thinking] = fresh
            return fresh
        }
    }

    /// Whether `signature` is the one issued for `thinking`.
    func verifies(_ thinking: String, _ signature: String?) -> Bool { signatures.withLock { $0[thinking] } == signature && signature != nil }

    private func answer(_ call: JSON) -> Response {
        let messages = call["messages"]?.arrayValue ?? []
        // Every assistant turn sent back: its thinking must lead it, with the signature this upstream gave.
        for (index, message) in messages.enumerated() where message["role"] == "assistant" {
            let blocks = message["content"]?.arrayValue ?? []
            guard let first = blocks.first, first["type"] == "thinking", let thinking = first["thinking"]?.stringValue,
                verifies(thinking, first["signature"]?.stringValue)
            else {
                return Self.error(
                    "messages.\(index).content.0.type: Expected `thinking` or `redacted_thinking`, but found a block without a valid signature. "
                        + "When `thinking` is enabled, a final `assistant` message must start with a thinking block.")
            }
        }
        guard call["thinking"]?["type"] == "enabled" else { return Self.error("this model is only served with thinking enabled") }
        let toolResult = messages.last?["content"]?.arrayValue?.contains { $0["type"] == "tool_result" } ?? false
        let thinking = toolResult ? "The tool says 21 degrees; answer briefly." : "The user wants the weather in Paris; call get_weather."
        let content: [JSON] =
            toolResult
            ? [
                ["type": "thinking", "thinking": .string(thinking), "signature": .string(signature(of: thinking))],
                ["type": "text", "text": "21 degrees in Paris."],
            ]
            : [
                ["type": "thinking", "thinking": .string(thinking), "signature": .string(signature(of: thinking))],
                ["type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": ["city": "Paris"]],
            ]
        let id = JSON.string("msg_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))
        let usage: JSON = ["input_tokens": 20, "output_tokens": 12, "cache_read_input_tokens": 0, "cache_creation_input_tokens": 0]
        let stop: JSON = toolResult ? "end_turn" : "tool_use"
        guard call["stream"]?.boolValue == true else {
            return Self.json([
                "id": id, "type": "message", "role": "assistant", "model": call["model"] ?? "", "content": .array(content),
                "stop_reason": stop, "stop_sequence": nil, "usage": usage,
            ])
        }
        var events = [
            Self.event(
                "message_start",
                [
                    "message": [
                        "id": id, "type": "message", "role": "assistant", "model": call["model"] ?? "", "content": [], "stop_reason": nil,
                        "stop_sequence": nil, "usage": ["input_tokens": 20, "output_tokens": 1],
                    ]
                ])
        ]
        for (index, block) in content.enumerated() {
            let start: JSON
            let deltas: [JSON]
            switch block["type"]?.stringValue {
            case "thinking":
                start = ["type": "thinking", "thinking": "", "signature": ""]
                let words = (block["thinking"]?.stringValue ?? "").split(separator: " ", omittingEmptySubsequences: false)
                deltas =
                    words.enumerated().map { offset, word in
                        ["type": "thinking_delta", "thinking": .string(offset == 0 ? String(word) : " " + word)]
                    } + [["type": "signature_delta", "signature": block["signature"] ?? ""]]
            case "tool_use":
                start = ["type": "tool_use", "id": block["id"] ?? "", "name": block["name"] ?? "", "input": [:]]
                deltas = [["type": "input_json_delta", "partial_json": .string((block["input"] ?? [:]).serializedString())]]
            default:
                start = ["type": "text", "text": ""]
                deltas = [["type": "text_delta", "text": block["text"] ?? ""]]
            }
            events.append(Self.event("content_block_start", ["index": .int(index), "content_block": start]))
            events += deltas.map { Self.event("content_block_delta", ["index": .int(index), "delta": $0]) }
            events.append(Self.event("content_block_stop", ["index": .int(index)]))
        }
        events.append(Self.event("message_delta", ["delta": ["stop_reason": stop, "stop_sequence": nil], "usage": ["output_tokens": 12]]))
        events.append(Self.event("message_stop", [:]))
        let stream = events
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream"],
            body: ResponseBody { writer in
                for event in stream { try await writer.write(ByteBuffer(string: event)) }
                try await writer.finish(nil)
            })
    }

    static func event(_ type: String, _ data: JSON) -> String {
        var data = data
        data["type"] = .string(type)
        return ServerSentEvent(event: type, data: data.serializedString()).encoded
    }

    static func json(_ value: JSON) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: value.serialized()))
    }

    static func error(_ message: String) -> Response {
        let body: JSON = ["type": "error", "error": ["type": "invalid_request_error", "message": .string(message)]]
        return Response(status: .badRequest, headers: [.contentType: "application/json"], body: .init(byteBuffer: body.serialized()))
    }
}
