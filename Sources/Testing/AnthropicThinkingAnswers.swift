import Foundation
public import GatewayCore
public import Hummingbird
import NIOCore
import Synchronization

/// Claude's answers with extended thinking, as strict as Anthropic's Messages API: every assistant turn sent back must
/// carry its thinking block intact, signature included, or the call is refused with a 400 `invalid_request_error`, as
/// Anthropic refuses a tool-use turn whose thinking did not come back. Shared by the stand-ins that serve Claude
/// (Anthropic's `/v1/messages` in ServerTests' `ThinkingUpstream`, Vertex AI's `rawPredict` in ``VertexUpstream``).
///
/// The first turn (a user question) thinks, signs the thinking (a random signature remembered for that text), and calls
/// `get_weather`; a turn that carries the tool result thinks again and answers `21 degrees in Paris.`. Plain or
/// streamed (`thinking_delta`, `signature_delta`).
public final class AnthropicThinkingAnswers: Sendable {
    private let signatures = Mutex<[String: String]>([:])

    public init() {}

    /// The signature issued for `thinking` (issued on first use).
    public func signature(of thinking: String) -> String {
        signatures.withLock { issued in
            if let known = issued[thinking] { return known }
            let fresh = Data((0..<48).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            issued[thinking] = fresh
            return fresh
        }
    }

    /// Whether `signature` is the one issued for `thinking`.
    public func verifies(_ thinking: String, _ signature: String?) -> Bool {
        signatures.withLock { $0[thinking] } == signature && signature != nil
    }

    /// The answer to a Messages request `call` (whole, or streamed when it has `stream: true`), or the 400 a turn
    /// without its signed thinking gets.
    /// - Parameter model: the model the answer names (the request's `model`, when it has one).
    public func answer(_ call: JSON, model: String? = nil) -> Response {
        let model = JSON.string(model ?? call["model"]?.stringValue ?? "")
        let messages = call["messages"]?.arrayValue ?? []
        // Every assistant turn sent back: its thinking must lead it, with the signature issued for it.
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
        let thought: JSON = ["type": "thinking", "thinking": .string(thinking), "signature": .string(signature(of: thinking))]
        let content: [JSON] =
            toolResult
            ? [thought, ["type": "text", "text": "21 degrees in Paris."]]
            : [thought, ["type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": ["city": "Paris"]]]
        let id = JSON.string("msg_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))
        let usage: JSON = ["input_tokens": 20, "output_tokens": 12, "cache_read_input_tokens": 0, "cache_creation_input_tokens": 0]
        let stop: JSON = toolResult ? "end_turn" : "tool_use"
        guard call["stream"]?.boolValue == true else {
            return Self.json([
                "id": id, "type": "message", "role": "assistant", "model": model, "content": .array(content), "stop_reason": stop,
                "stop_sequence": nil, "usage": usage,
            ])
        }
        var events = [
            Self.event(
                "message_start",
                [
                    "message": [
                        "id": id, "type": "message", "role": "assistant", "model": model, "content": [], "stop_reason": nil, "stop_sequence": nil,
                        "usage": ["input_tokens": 20, "output_tokens": 1],
                    ]
                ])
        ]
        for (index, block) in content.enumerated() {
            let (start, deltas) = Self.streamed(block)
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

    /// A content block's `content_block_start` block and its deltas.
    static func streamed(_ block: JSON) -> (start: JSON, deltas: [JSON]) {
        switch block["type"]?.stringValue {
        case "thinking":
            let words = (block["thinking"]?.stringValue ?? "").split(separator: " ", omittingEmptySubsequences: false)
            let deltas: [JSON] = words.enumerated().map { offset, word in
                ["type": "thinking_delta", "thinking": .string(offset == 0 ? String(word) : " " + word)]
            }
            return (
                ["type": "thinking", "thinking": "", "signature": ""], deltas + [["type": "signature_delta", "signature": block["signature"] ?? ""]]
            )
        case "tool_use":
            return (
                ["type": "tool_use", "id": block["id"] ?? "", "name": block["name"] ?? "", "input": [:]],
                [["type": "input_json_delta", "partial_json": .string((block["input"] ?? [:]).serializedString())]]
            )
        default:
            return (["type": "text", "text": ""], [["type": "text_delta", "text": block["text"] ?? ""]])
        }
    }

    /// One SSE event of Anthropic's stream: `event: <type>`, and the data with its `type`.
    public static func event(_ type: String, _ data: JSON) -> String {
        var data = data
        data["type"] = .string(type)
        return ServerSentEvent(event: type, data: data.serializedString()).encoded
    }

    /// A 200 JSON response.
    public static func json(_ value: JSON) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: value.serialized()))
    }

    /// Anthropic's 400 `invalid_request_error`.
    public static func error(_ message: String) -> Response {
        let body: JSON = ["type": "error", "error": ["type": "invalid_request_error", "message": .string(message)]]
        return Response(status: .badRequest, headers: [.contentType: "application/json"], body: .init(byteBuffer: body.serialized()))
    }
}
