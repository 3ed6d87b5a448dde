public import GatewayCore

/// Turns a stream of OpenAI `chat.completion.chunk` objects into the server-sent events of an Anthropic Messages
/// stream, for clients of `POST /v1/messages` with `"stream": true`.
///
/// A value-type state machine that does no I/O. The events follow the order the official Anthropic SDKs parse:
///
/// ```
/// message_start
/// (content_block_start, content_block_delta*, content_block_stop)*   text_delta, or input_json_delta for tool_use
/// message_delta                                                       stop_reason, usage
/// message_stop
/// ```
///
/// Content blocks are numbered from 0 in the order they start, and a block is closed when the next one starts:
/// Anthropic blocks do not interleave. OpenAI upstreams stream parallel tool calls one after another, so a change of
/// `tool_calls[].index` starts a new `tool_use` block. `message_delta` and `message_stop` are sent by ``finish()``
/// only, because OpenAI sends the `finish_reason` chunk before the usage-only chunk, and both are needed.
///
/// ```swift
/// var encoder = AnthropicStreamEncoder(model: "gpt-4o")
/// for try await chunk in stream { for event in encoder.encode(chunk.json) { write(event) } }
/// for event in encoder.finish() { write(event) }
/// ```
public struct AnthropicStreamEncoder: Sendable {
    private enum Block {
        case text(index: Int)
        case toolUse(index: Int, openAIIndex: Int)

        var index: Int {
            switch self {
            case .text(let index), .toolUse(let index, _): return index
            }
        }
    }

    private let model: String
    private var started = false
    private var finished = false
    private var openBlock: Block?
    private var nextBlockIndex = 0
    private var sawToolUse = false
    private var finishReason: String?
    /// The last OpenAI `usage` object seen, normally from the usage-only chunk at the end.
    private var usage: JSON?

    /// Creates an encoder for one stream.
    /// - Parameter model: the model name `message_start` reports.
    public init(model: String) {
        self.model = model
    }

    /// Encodes one OpenAI chunk.
    /// - Parameter chunk: a `chat.completion.chunk` object; only its first choice is read.
    /// - Returns: the events it gives: `message_start` first of all, then block starts, deltas and stops.
    public mutating func encode(_ chunk: JSON) -> [ServerSentEvent] {
        guard !finished else { return [] }
        var events: [ServerSentEvent] = []
        if !started { events.append(messageStart(id: chunk["id"]?.stringValue, usage: chunk["usage"])) }
        if let usage = chunk["usage"], case .object = usage { self.usage = usage }
        guard let choice = chunk["choices"]?[0] else { return events }
        let delta = choice["delta"]
        if let text = delta?["content"]?.stringValue, !text.isEmpty {
            if case .text? = openBlock {} else { events += startBlock(.text(index: nextBlockIndex), content: ["type": "text", "text": ""]) }
            events.append(blockDelta(["type": "text_delta", "text": .string(text)]))
        }
        for call in delta?["tool_calls"]?.arrayValue ?? [] {
            let openAIIndex = call["index"]?.intValue ?? 0
            if case .toolUse(_, openAIIndex)? = openBlock {
            } else {
                let id = call["id"]?.stringValue ?? AnthropicResponseTranslator.generatedID(prefix: "toolu_")
                let content: JSON = ["type": "tool_use", "id": .string(id), "name": call["function"]?["name"] ?? "", "input": [:]]
                events += startBlock(.toolUse(index: nextBlockIndex, openAIIndex: openAIIndex), content: content)
                sawToolUse = true
            }
            if let fragment = call["function"]?["arguments"]?.stringValue, !fragment.isEmpty {
                events.append(blockDelta(["type": "input_json_delta", "partial_json": .string(fragment)]))
            }
        }
        if let reason = choice["finish_reason"]?.stringValue { finishReason = reason }
        return events
    }

    /// Ends the stream: closes the open block and sends `message_delta` (stop reason and usage) and `message_stop`.
    ///
    /// Call it once, after the upstream's last chunk; later calls, and ``encode(_:)`` after it, return nothing. When no
    /// chunk came, it sends `message_start` first, so the client still sees a complete, empty message.
    /// - Returns: the closing events.
    public mutating func finish() -> [ServerSentEvent] {
        guard !finished else { return [] }
        var events: [ServerSentEvent] = []
        if !started { events.append(messageStart(id: nil, usage: nil)) }
        events += closeBlock()
        finished = true
        let stopReason = AnthropicResponseTranslator.stopReason(fromFinishReason: finishReason, hasToolUse: sawToolUse)
        // input_tokens only when the upstream reported usage, so that a missing count is not sent as zero.
        let usage: JSON = self.usage.map { AnthropicResponseTranslator.anthropicUsage(fromOpenAI: $0) } ?? ["output_tokens": 0]
        events.append(event("message_delta", ["delta": ["stop_reason": .string(stopReason), "stop_sequence": nil], "usage": usage]))
        events.append(event("message_stop", [:]))
        return events
    }

    // MARK: - Events

    private mutating func messageStart(id: String?, usage: JSON?) -> ServerSentEvent {
        started = true
        var startUsage = AnthropicResponseTranslator.anthropicUsage(fromOpenAI: usage)
        startUsage["output_tokens"] = 0
        let message: JSON = [
            "id": .string(AnthropicResponseTranslator.messageID(fromOpenAI: id)), "type": "message", "role": "assistant",
            "content": [], "model": .string(model), "stop_reason": nil, "stop_sequence": nil, "usage": startUsage,
        ]
        return event("message_start", ["message": message])
    }

    private mutating func startBlock(_ block: Block, content: JSON) -> [ServerSentEvent] {
        var events = closeBlock()
        events.append(event("content_block_start", ["index": .int(block.index), "content_block": content]))
        openBlock = block
        nextBlockIndex = block.index + 1
        return events
    }

    private mutating func closeBlock() -> [ServerSentEvent] {
        guard let block = openBlock else { return [] }
        openBlock = nil
        return [event("content_block_stop", ["index": .int(block.index)])]
    }

    /// A `content_block_delta` for the open block; callers open a block first.
    private func blockDelta(_ delta: JSON) -> ServerSentEvent {
        event("content_block_delta", ["index": .int(openBlock?.index ?? 0), "delta": delta])
    }

    private func event(_ type: String, _ fields: JSON) -> ServerSentEvent {
        var data = fields
        data["type"] = .string(type)
        return ServerSentEvent(event: type, data: data.serializedString())
    }
}
