import Foundation
public import GatewayCore

/// Converts complete (non-streamed) chat responses between Anthropic's `message` and OpenAI's `chat.completion`.
///
/// Also holds the stop-reason and usage mappings that ``AnthropicStreamDecoder`` and ``AnthropicStreamEncoder``
/// share, so that a streamed and a complete answer report the same values.
public enum AnthropicResponseTranslator {
    /// Builds an OpenAI `chat.completion` from an Anthropic `message`.
    ///
    /// Text blocks are concatenated into `content` (null when there are none), `tool_use` blocks become `tool_calls`
    /// with serialized `arguments`, `thinking` blocks become `reasoning_content`; the `thinking` and `redacted_thinking`
    /// blocks themselves, signatures included, are kept as `thinking_blocks` (LiteLLM's field), so a client can send
    /// them back with the turn, as Anthropic requires in a tool-use conversation. `prompt_tokens` counts cached input
    /// as well, because Anthropic's `input_tokens` leaves out cache reads and writes.
    /// - Parameters:
    ///   - message: the Anthropic response body.
    ///   - model: the model name to report.
    /// - Returns: the OpenAI-shaped response body.
    public static func openAIResponse(fromAnthropic message: JSON, model: String) -> JSON {
        var texts: [String] = []
        var reasoning: [String] = []
        var calls: [JSON] = []
        var thinkingBlocks: [JSON] = []
        for block in message["content"]?.arrayValue ?? [] {
            switch block["type"]?.stringValue {
            case "text": texts.append(block["text"]?.stringValue ?? "")
            case "thinking":
                reasoning.append(block["thinking"]?.stringValue ?? "")
                thinkingBlocks.append(block)
            case "redacted_thinking": thinkingBlocks.append(block)
            case "tool_use":
                let arguments = (block["input"] ?? [:]).serializedString()
                calls.append([
                    "id": block["id"] ?? .string(generatedID(prefix: "toolu_")), "type": "function",
                    "function": ["name": block["name"] ?? "", "arguments": .string(arguments)],
                ])
            default: break
            }
        }
        var reply: JSON = ["role": "assistant", "content": texts.isEmpty ? .null : .string(texts.joined())]
        if !calls.isEmpty { reply["tool_calls"] = .array(calls) }
        if !reasoning.isEmpty { reply["reasoning_content"] = .string(reasoning.joined()) }
        if !thinkingBlocks.isEmpty { reply["thinking_blocks"] = .array(thinkingBlocks) }
        let choice: JSON = [
            "index": 0, "message": reply, "logprobs": nil,
            "finish_reason": finishReason(fromStopReason: message["stop_reason"]?.stringValue),
        ]
        return [
            "id": message["id"] ?? .string(generatedID(prefix: "msg_")), "object": "chat.completion", "created": .int(unixTime()),
            "model": .string(model), "choices": [choice], "usage": openAIUsage(fromAnthropic: message["usage"]),
        ]
    }

    /// Builds an Anthropic `message` from an OpenAI `chat.completion` (first choice).
    ///
    /// `content` is a text block (when the answer has text) followed by a `tool_use` block per tool call, with `input`
    /// parsed from `arguments` (`{}` when they are not a JSON object). Cached prompt tokens move from `input_tokens` to
    /// `cache_read_input_tokens`, as Anthropic counts them.
    /// - Parameters:
    ///   - completion: the OpenAI response body.
    ///   - model: the model name to report.
    /// - Returns: the Anthropic-shaped response body.
    public static func anthropicResponse(fromOpenAI completion: JSON, model: String) -> JSON {
        let choice = completion["choices"]?[0]
        let message = choice?["message"]
        var content: [JSON] = []
        let text: String
        switch message?["content"] {
        case .string(let string)?: text = string
        case .array(let parts)?: text = parts.compactMap { $0["type"] == "text" ? $0["text"]?.stringValue : nil }.joined()
        default: text = ""
        }
        if !text.isEmpty { content.append(["type": "text", "text": .string(text)]) }
        for call in message?["tool_calls"]?.arrayValue ?? [] {
            content.append(toolUseBlock(id: call["id"]?.stringValue, function: call["function"]))
        }
        if let legacy = message?["function_call"], !legacy.isNull {
            content.append(toolUseBlock(id: nil, function: legacy))
        }
        let hasToolUse = content.contains { $0["type"] == "tool_use" }
        let stopReason = stopReason(fromFinishReason: choice?["finish_reason"]?.stringValue, hasToolUse: hasToolUse)
        return [
            "id": .string(messageID(fromOpenAI: completion["id"]?.stringValue)), "type": "message", "role": "assistant",
            "model": .string(model), "content": .array(content), "stop_reason": .string(stopReason), "stop_sequence": nil,
            "usage": anthropicUsage(fromOpenAI: completion["usage"]),
        ]
    }

    // MARK: - Shared mappings

    /// OpenAI's `finish_reason` for an Anthropic `stop_reason`; null while there is none.
    static func finishReason(fromStopReason stopReason: String?) -> JSON {
        switch stopReason {
        case nil: return .null
        case "max_tokens", "model_context_window_exceeded": return "length"
        case "tool_use": return "tool_calls"
        case "refusal": return "content_filter"
        // end_turn, stop_sequence, pause_turn, and any reason added later.
        default: return "stop"
        }
    }

    /// Anthropic's `stop_reason` for an OpenAI `finish_reason`.
    /// - Parameter hasToolUse: whether the answer calls tools; some OpenAI-compatible upstreams end such answers
    ///   with `stop`, and Anthropic clients look for `tool_use` to run the tools.
    static func stopReason(fromFinishReason finishReason: String?, hasToolUse: Bool) -> String {
        switch finishReason {
        case "length": return "max_tokens"
        case "tool_calls", "function_call": return "tool_use"
        default: return hasToolUse ? "tool_use" : "end_turn"
        }
    }

    /// An OpenAI `usage` object from Anthropic's counts (``Usage/init(anthropic:)``, ``Usage/openAIJSON``): prompt
    /// tokens include cache reads and cache writes, reported in `prompt_tokens_details.cached_tokens` and
    /// `cache_creation_input_tokens`.
    static func openAIUsage(fromAnthropic usage: JSON?) -> JSON {
        Usage(anthropic: usage).openAIJSON
    }

    /// An Anthropic `usage` object from OpenAI's counts (``Usage/init(openAI:)``, ``Usage/anthropicJSON``); cache
    /// reads and writes are reported apart from `input_tokens`, as Anthropic does.
    static func anthropicUsage(fromOpenAI usage: JSON?) -> JSON {
        (Usage(openAI: usage) ?? Usage()).anthropicJSON
    }

    /// An Anthropic message id for an OpenAI id: kept when it already starts with `msg_`, else prefixed.
    static func messageID(fromOpenAI id: String?) -> String {
        guard let id, !id.isEmpty else { return generatedID(prefix: "msg_") }
        return Dialect.anthropicMessageID(forOpenAI: id)
    }

    /// A random id with `prefix`, for an upstream that sent none.
    static func generatedID(prefix: String) -> String {
        prefix + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    /// Seconds since 1970, for OpenAI's `created`.
    static func unixTime() -> Int {
        Int(Date().timeIntervalSince1970)
    }

    private static func toolUseBlock(id: String?, function: JSON?) -> JSON {
        [
            "type": "tool_use", "id": .string(id ?? generatedID(prefix: "toolu_")), "name": function?["name"] ?? "",
            "input": AnthropicRequestTranslator.toolInput(fromArguments: function?["arguments"]?.stringValue),
        ]
    }
}
