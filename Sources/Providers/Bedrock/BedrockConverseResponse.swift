import Foundation
public import GatewayCore

/// Translates a Bedrock Converse response into an OpenAI `chat.completion`, and holds the stop-reason and usage
/// mappings the stream decoder shares.
///
/// Text blocks are joined into `content` (null when there are none), `toolUse` blocks become `tool_calls` with
/// serialized `arguments`, `reasoningContent` becomes `reasoning_content`. Usage: Converse's `inputTokens` leaves the
/// prompt cache out, so `prompt_tokens` is `inputTokens + cacheReadInputTokens + cacheWriteInputTokens`, with the
/// cache counts in `prompt_tokens_details.cached_tokens` and `cache_creation_input_tokens` (``Usage/openAIJSON``).
public enum BedrockConverseResponse {
    /// - Parameters:
    ///   - response: the Converse response body.
    ///   - model: the model name to report.
    ///   - id: the completion id to report (Converse has none; the gateway's request id).
    /// - Returns: the OpenAI-shaped body.
    public static func openAIResponse(fromConverse response: JSON, model: String, id: String) -> JSON {
        var texts: [String] = []
        var reasoning: [String] = []
        var calls: [JSON] = []
        for block in response["output"]?["message"]?["content"]?.arrayValue ?? [] {
            if let text = block["text"]?.stringValue {
                texts.append(text)
            } else if let toolUse = block["toolUse"] {
                calls.append([
                    "id": toolUse["toolUseId"] ?? .string("call_\(UUID().uuidString.prefix(8))"), "type": "function",
                    "function": ["name": toolUse["name"] ?? "", "arguments": .string((toolUse["input"] ?? [:]).serializedString())],
                ])
            } else if let text = block["reasoningContent"]?["reasoningText"]?["text"]?.stringValue {
                reasoning.append(text)
            }
        }
        var message: JSON = ["role": "assistant", "content": texts.isEmpty ? .null : .string(texts.joined())]
        if !calls.isEmpty { message["tool_calls"] = .array(calls) }
        if !reasoning.isEmpty { message["reasoning_content"] = .string(reasoning.joined()) }
        let choice: JSON = [
            "index": 0, "message": message, "logprobs": nil, "finish_reason": .string(finishReason(response["stopReason"]?.stringValue)),
        ]
        return [
            "id": .string(id), "object": "chat.completion", "created": .int(Int(Date().timeIntervalSince1970)), "model": .string(model),
            "choices": [choice], "usage": usage(response["usage"]).openAIJSON,
        ]
    }

    /// OpenAI's `finish_reason` for a Converse `stopReason`: `end_turn`/`stop_sequence` → `stop`, `tool_use` →
    /// `tool_calls`, `max_tokens` → `length`, `guardrail_intervened`/`content_filtered` → `content_filter`; an
    /// unknown or missing one → `stop`.
    public static func finishReason(_ stopReason: String?) -> String {
        switch stopReason {
        case "tool_use": "tool_calls"
        case "max_tokens", "model_context_window_exceeded": "length"
        case "guardrail_intervened", "content_filtered": "content_filter"
        default: "stop"
        }
    }

    /// The counts of a Converse `usage` object (counts clamped as ``Usage/count(_:)`` clamps them).
    public static func usage(_ usage: JSON?) -> Usage {
        let cacheRead = Usage.count(usage?["cacheReadInputTokens"])
        let cacheWrite = Usage.count(usage?["cacheWriteInputTokens"])
        return Usage(
            promptTokens: Usage.count(usage?["inputTokens"]) + cacheRead + cacheWrite, completionTokens: Usage.count(usage?["outputTokens"]),
            cachedReadTokens: cacheRead, cacheWriteTokens: cacheWrite)
    }
}
