public import GatewayCore

/// Turns the server-sent events of an Anthropic Messages stream into OpenAI `chat.completion.chunk` objects.
///
/// A value-type state machine fed one event at a time by the `anthropic/` provider; it does no I/O. It remembers the
/// message id, the input usage of `message_start`, and which content blocks are tool calls, so that each
/// `input_json_delta` lands on the right OpenAI `tool_calls[].index` (which counts tool calls only, where Anthropic's
/// block index counts every block).
///
/// Event by event: `message_start` gives the first chunk (`delta: {role: "assistant", content: ""}`); a `tool_use`
/// block start gives a chunk with the call's id and name; `text_delta`, `thinking_delta` and `input_json_delta` give
/// content, `reasoning_content` and argument chunks; the stop of a `thinking` or `redacted_thinking` block gives a
/// chunk with the whole block, signature included, in `delta.thinking_blocks` (LiteLLM's field, what a client sends
/// back with the turn); `message_delta` gives the chunk with `finish_reason` and then a
/// usage chunk with empty `choices`, as OpenAI does with `stream_options.include_usage`. `ping`, other block stops,
/// `message_stop` and unknown events give nothing; the stream may end without `message_stop`.
///
/// ```swift
/// var decoder = AnthropicStreamDecoder(model: "claude-sonnet-4-5")
/// for event in events { for chunk in try decoder.decode(event) { send(chunk) } }
/// ```
public struct AnthropicStreamDecoder: Sendable {
    private let model: String
    private let created: Int
    private var id: String?
    /// The latest known counts (`input_tokens`, `output_tokens`, cache counts), updated by each event that has them.
    private var usage: [String: JSON] = [:]
    /// OpenAI tool-call index by Anthropic content-block index, for the blocks that are `tool_use`.
    private var toolIndexByBlock: [Int: Int] = [:]
    /// The thinking block being streamed (`thinking` text and `signature` so far, or a `redacted_thinking` block).
    private var thinkingBlock: JSON?

    /// Creates a decoder for one stream.
    /// - Parameter model: the model name each chunk reports.
    public init(model: String) {
        self.model = model
        self.created = AnthropicResponseTranslator.unixTime()
    }

    /// Decodes one event.
    /// - Parameter event: an event of the Anthropic stream; its type is the `event:` name, or the `type` in its data.
    /// - Returns: the OpenAI chunks it gives, often none.
    /// - Throws: ``GatewayError/badGateway(_:code:)`` for an `error` event (with the upstream's message) or data
    ///   that is not JSON.
    public mutating func decode(_ event: ServerSentEvent) throws -> [JSON] {
        if event.data.isEmpty { return [] }
        let data: JSON
        do {
            data = try JSONParser.parse(event.data)
        } catch {
            throw GatewayError.badGateway("The Anthropic stream sent an event that is not JSON: \(error).")
        }
        switch event.event ?? data["type"]?.stringValue {
        case "message_start":
            let message = data["message"]
            id = message?["id"]?.stringValue
            mergeUsage(message?["usage"])
            return [chunk(delta: ["role": "assistant", "content": ""])]
        case "content_block_start":
            return contentBlockStart(data)
        case "content_block_delta":
            return contentBlockDelta(data)
        case "content_block_stop":
            guard let block = thinkingBlock else { return [] }
            thinkingBlock = nil
            return [chunk(delta: ["thinking_blocks": [block]])]
        case "message_delta":
            mergeUsage(data["usage"])
            let finishReason = AnthropicResponseTranslator.finishReason(fromStopReason: data["delta"]?["stop_reason"]?.stringValue)
            var usageChunk = chunk(delta: [:])
            usageChunk["choices"] = []
            usageChunk["usage"] = AnthropicResponseTranslator.openAIUsage(fromAnthropic: .object(usage))
            return [chunk(delta: [:], finishReason: finishReason), usageChunk]
        case "error":
            let message = data["error"]?["message"]?.stringValue ?? "The Anthropic stream reported an error."
            let code = data["error"]?["type"]?.stringValue ?? "upstream_error"
            throw GatewayError.badGateway(message, code: code)
        default:
            // ping, content_block_stop, message_stop, and event types added later.
            return []
        }
    }

    private mutating func contentBlockStart(_ data: JSON) -> [JSON] {
        let block = data["content_block"]
        switch block?["type"]?.stringValue {
        case "tool_use":
            guard let blockIndex = data["index"]?.intValue else { return [] }
            let toolIndex = toolIndexByBlock.count
            toolIndexByBlock[blockIndex] = toolIndex
            let call: JSON = [
                "index": .int(toolIndex), "id": block?["id"] ?? "", "type": "function",
                "function": ["name": block?["name"] ?? "", "arguments": ""],
            ]
            return [chunk(delta: ["tool_calls": [call]])]
        case "thinking", "redacted_thinking":
            thinkingBlock = block
            return []
        case "text":
            // The start of a text block normally carries "", and the text follows in deltas.
            guard let text = block?["text"]?.stringValue, !text.isEmpty else { return [] }
            return [chunk(delta: ["content": .string(text)])]
        default:
            return []
        }
    }

    private mutating func contentBlockDelta(_ data: JSON) -> [JSON] {
        let delta = data["delta"]
        switch delta?["type"]?.stringValue {
        case "signature_delta":
            if let signature = delta?["signature"]?.stringValue { thinkingBlock?["signature"] = .string(signature) }
            return []
        case "text_delta":
            guard let text = delta?["text"]?.stringValue, !text.isEmpty else { return [] }
            return [chunk(delta: ["content": .string(text)])]
        case "thinking_delta":
            guard let thinking = delta?["thinking"]?.stringValue, !thinking.isEmpty else { return [] }
            if var block = thinkingBlock {
                block["thinking"] = .string((block["thinking"]?.stringValue ?? "") + thinking)
                thinkingBlock = block
            }
            return [chunk(delta: ["reasoning_content": .string(thinking)])]
        case "input_json_delta":
            guard let blockIndex = data["index"]?.intValue, let toolIndex = toolIndexByBlock[blockIndex],
                let fragment = delta?["partial_json"]?.stringValue, !fragment.isEmpty
            else { return [] }
            return [chunk(delta: ["tool_calls": [["index": .int(toolIndex), "function": ["arguments": .string(fragment)]]]])]
        default:
            // citations_delta: nothing an OpenAI client reads.
            return []
        }
    }

    /// Keeps the counts of a `usage` object; `message_delta` counts are cumulative, so later values replace earlier ones.
    private mutating func mergeUsage(_ update: JSON?) {
        for (key, value) in update?.objectValue ?? [:] where value.intValue != nil {
            usage[key] = value
        }
    }

    private func chunk(delta: JSON, finishReason: JSON = .null) -> JSON {
        [
            "id": .string(id ?? "msg_unknown"), "object": "chat.completion.chunk", "created": .int(created), "model": .string(model),
            "choices": [["index": 0, "delta": delta, "finish_reason": finishReason]],
        ]
    }
}
