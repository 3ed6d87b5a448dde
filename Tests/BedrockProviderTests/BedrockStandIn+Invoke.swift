import BedrockProvider
import Foundation
import GatewayCore
import GatewayTesting
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// InvokeModel (`/model/{id}/invoke`) and InvokeModelWithResponseStream (`/invoke-with-response-stream`) for Anthropic
/// model ids (`anthropic.…`, `us.anthropic.…`), in Bedrock's wire formats: the whole answer is Anthropic's message
/// JSON; the stream is event-stream frames with CRCs whose `chunk` events carry `{"bytes": "<base64 of one Anthropic
/// event>", "p": "…"}`, the last `message_stop` with Bedrock's `amazon-bedrock-invocationMetrics`.
///
/// As strict as Bedrock with Claude: the body must have `anthropic_version: bedrock-2023-05-31`, `max_tokens` and
/// `messages`, and no `model` or `stream` (400 `ValidationException`). With `thinking` enabled, every assistant turn
/// sent back must start with the thinking block this stand-in signed, signature intact, or the turn is refused with
/// 400 as Anthropic refuses it. A turn with tools whose last message is not a tool result calls `get_weather` with
/// `{"city": "Paris"}`; after the tool result it answers `21 degrees in Paris.`; without tools, `Hello from Claude on
/// Bedrock`. A request with any `cache_control` reports 8 cache-read tokens. Model ids ending in `stream-throttled`
/// or `stream-error` fail mid-stream with `throttlingException` or `modelStreamErrorException`; `…cut` stops inside
/// a frame. What was sent is kept by message id (``sentAnswers``), for tests to compare with what the client got.
extension BedrockStandIn {
    /// Signatures issued, by thinking text (GatewayTesting's strict thinking answers, shared with the Anthropic and Vertex
    /// stand-ins): random once per process, as a real signature cannot be forged.
    static let thinkingAnswers = AnthropicThinkingAnswers()
    /// What was answered, by message id: the whole answer's bytes, or each streamed event's JSON text.
    static let sentAnswers = Mutex<[String: [String]]>([:])

    /// Whether a model id names an Anthropic model (an optional `us.`-style prefix, then `anthropic.`).
    static func isAnthropic(_ model: String) -> Bool {
        let parts = model.split(separator: ".", maxSplits: 2)
        return parts.first == "anthropic" || (parts.count == 3 && parts[1] == "anthropic")
    }

    /// Answers an InvokeModel (`action` `invoke`) or InvokeModelWithResponseStream call for an Anthropic model.
    static func invokeAnthropic(model: String, action: Substring, body: JSON) -> Response {
        if let problem = validationProblem(body) { return error(.badRequest, type: "ValidationException", message: problem) }
        let content = answerContent(body)
        let id = "msg_bdrk_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let cached = body.serializedString().contains("cache_control")
        let usage: JSON = [
            "input_tokens": 20, "output_tokens": 12, "cache_read_input_tokens": .int(cached ? 8 : 0), "cache_creation_input_tokens": 0,
        ]
        let stop: JSON = content.contains { $0["type"] == "tool_use" } ? "tool_use" : "end_turn"
        guard action == "invoke-with-response-stream" else {
            let message: JSON = [
                "id": .string(id), "type": "message", "role": "assistant", "model": "claude-stand-in", "content": .array(content),
                "stop_reason": stop, "stop_sequence": nil, "usage": usage,
            ]
            // Spaces after the separators: bytes the gateway would not produce if it re-serialized the answer.
            let text = message.serializedString().replacingOccurrences(of: "\",\"", with: "\", \"")
            sentAnswers.withLock { $0[id] = [text] }
            return Response(
                status: .ok, headers: [.contentType: "application/json", HTTPField.Name("x-amzn-bedrock-input-token-count")!: "20"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        let events = streamEvents(id: id, content: content, stop: stop, usage: usage)
        sentAnswers.withLock { $0[id] = events }
        return eventStream(events, model: model)
    }

    /// Why Bedrock would refuse `body`, or nil.
    static func validationProblem(_ body: JSON) -> String? {
        if body["model"] != nil {
            return "Malformed input request: extraneous key [model] is not permitted, please reformat your input and try again."
        }
        if body["stream"] != nil {
            return "Malformed input request: extraneous key [stream] is not permitted, please reformat your input and try again."
        }
        guard body["anthropic_version"] == "bedrock-2023-05-31" else { return "Malformed input request: anthropic_version is required." }
        guard body["max_tokens"]?.intValue != nil, let messages = body["messages"]?.arrayValue, !messages.isEmpty else {
            return "Malformed input request: max_tokens and messages are required."
        }
        guard body["thinking"]?["type"] == "enabled" else { return nil }
        for (index, message) in messages.enumerated() where message["role"] == "assistant" {
            guard let first = message["content"]?[0], first["type"] == "thinking", let thinking = first["thinking"]?.stringValue,
                thinkingAnswers.verifies(thinking, first["signature"]?.stringValue)
            else {
                return "messages.\(index).content.0.type: Expected `thinking` or `redacted_thinking`, but found a block without a valid "
                    + "signature. When `thinking` is enabled, a final `assistant` message must start with a thinking block."
            }
        }
        return nil
    }

    /// The content blocks of the answer (see the type's documentation).
    static func answerContent(_ body: JSON) -> [JSON] {
        let last = body["messages"]?.arrayValue?.last?["content"]?.arrayValue ?? []
        let toolResult = last.contains { $0["type"] == "tool_result" }
        let callsTool = body["tools"]?[0] != nil && !toolResult
        var content: [JSON] = []
        if body["thinking"]?["type"] == "enabled" {
            let thinking = callsTool ? "The user wants the weather in Paris; call get_weather." : "The tool says 21 degrees; answer briefly."
            content.append(["type": "thinking", "thinking": .string(thinking), "signature": .string(thinkingAnswers.signature(of: thinking))])
        }
        if callsTool {
            content.append(["type": "tool_use", "id": "toolu_bdrk_01", "name": body["tools"]?[0]?["name"] ?? "", "input": ["city": "Paris"]])
        } else {
            content.append(["type": "text", "text": toolResult ? "21 degrees in Paris." : "Hello from Claude on Bedrock"])
        }
        return content
    }

    /// Anthropic's events for an answer, as their JSON texts.
    static func streamEvents(id: String, content: [JSON], stop: JSON, usage: JSON) -> [String] {
        var events: [JSON] = [
            [
                "type": "message_start",
                "message": [
                    "id": .string(id), "type": "message", "role": "assistant", "model": "claude-stand-in", "content": [], "stop_reason": nil,
                    "stop_sequence": nil,
                    "usage": ["input_tokens": 20, "output_tokens": 1, "cache_read_input_tokens": usage["cache_read_input_tokens"] ?? 0],
                ],
            ]
        ]
        for (index, block) in content.enumerated() {
            let start: JSON
            let deltas: [JSON]
            switch block["type"]?.stringValue {
            case "thinking":
                start = ["type": "thinking", "thinking": "", "signature": ""]
                let words = (block["thinking"]?.stringValue ?? "").split(separator: " ").map(String.init)
                deltas =
                    words.enumerated().map { ["type": "thinking_delta", "thinking": .string($0 == 0 ? $1 : " " + $1)] }
                    + [["type": "signature_delta", "signature": block["signature"] ?? ""]]
            case "tool_use":
                start = ["type": "tool_use", "id": block["id"] ?? "", "name": block["name"] ?? "", "input": [:]]
                deltas = [["type": "input_json_delta", "partial_json": .string((block["input"] ?? [:]).serializedString())]]
            default:
                start = ["type": "text", "text": ""]
                let words = (block["text"]?.stringValue ?? "").split(separator: " ").map(String.init)
                deltas = words.enumerated().map { ["type": "text_delta", "text": .string($0 == 0 ? $1 : " " + $1)] }
            }
            events.append(["type": "content_block_start", "index": .int(index), "content_block": start])
            events += deltas.map { ["type": "content_block_delta", "index": .int(index), "delta": $0] }
            events.append(["type": "content_block_stop", "index": .int(index)])
        }
        events.append(["type": "message_delta", "delta": ["stop_reason": stop, "stop_sequence": nil], "usage": ["output_tokens": 12]])
        events.append([
            "type": "message_stop",
            "amazon-bedrock-invocationMetrics": ["inputTokenCount": 20, "outputTokenCount": 12, "invocationLatency": 812, "firstByteLatency": 301],
        ])
        return events.map { $0.serializedString() }
    }

    /// The events as `chunk` frames, written in pieces that split frames; failing or cut as the model id says.
    static func eventStream(_ events: [String], model: String) -> Response {
        var frames = events.map { event in
            let payload: JSON = ["bytes": .string(Data(event.utf8).base64EncodedString()), "p": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"]
            return EventStreamMessage(
                headers: [(":event-type", .string("chunk")), (":content-type", .string("application/json")), (":message-type", .string("event"))],
                payload: ByteBuffer(string: payload.serializedString())
            ).encoded()
        }
        let exception =
            model.hasSuffix("stream-throttled")
            ? ("throttlingException", "Too many tokens, please wait before trying again.")
            : model.hasSuffix("stream-error") ? ("modelStreamErrorException", "The model stream failed.") : nil
        if let (type, message) = exception {
            frames.removeLast(frames.count - 2)
            frames.append(
                EventStreamMessage(
                    headers: [
                        (":exception-type", .string(type)), (":content-type", .string("application/json")), (":message-type", .string("exception")),
                    ],
                    payload: ByteBuffer(string: JSON.object(["message": .string(message)]).serializedString())
                ).encoded())
        }
        var all = ByteBuffer()
        for frame in frames { all.writeImmutableBuffer(frame) }
        if model.hasSuffix("cut") { all = all.getSlice(at: 0, length: all.readableBytes - frames.last!.readableBytes / 2)! }
        return eventStream(all, pieceSize: 53)
    }
}
