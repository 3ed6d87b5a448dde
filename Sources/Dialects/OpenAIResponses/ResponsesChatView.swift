public import GatewayCore

/// The OpenAI-chat-shaped view of an answer of the Responses API, what the hooks read when a `/v1/responses` request
/// passes through to a deployment that speaks it (``OpenAICompatibleProvider``): `POST /responses` answers a
/// `response` object, and its view is the chat completion that says the same.
///
/// | Responses | chat completion view |
/// |---|---|
/// | `id`, `created_at`, `model` | `id`, `created`, `model` |
/// | `message` items' `output_text` parts | `choices[0].message.content` (joined) |
/// | `message` items' `refusal` parts | `choices[0].message.refusal` |
/// | `function_call` items | `choices[0].message.tool_calls` (`id` = `call_id`) |
/// | `reasoning` items' `summary_text` (else `reasoning_text` content) | `choices[0].message.reasoning_content` |
/// | `status` / `incomplete_details.reason` | `finish_reason`: `tool_calls` when a function is called, `length` for `max_output_tokens`, `content_filter`, else `stop` |
/// | `usage` | `usage` (``Usage/init(openAIResponses:)``, written as ``Usage/openAIJSON``) |
public enum ResponsesChatView {
    /// The chat completion view of a Responses `response` object.
    public static func completion(fromResponse response: JSON) -> JSON {
        var text = ""
        var refusal = ""
        var reasoning = ""
        var toolCalls: [JSON] = []
        for item in response["output"]?.arrayValue ?? [] {
            switch item["type"]?.stringValue {
            case "message":
                for part in item["content"]?.arrayValue ?? [] {
                    if part["type"] == "output_text" { text += part["text"]?.stringValue ?? "" }
                    if part["type"] == "refusal" { refusal += part["refusal"]?.stringValue ?? "" }
                }
            case "function_call":
                toolCalls.append(toolCall(item, index: toolCalls.count))
            case "reasoning":
                reasoning += reasoningText(of: item)
            default:
                continue
            }
        }
        var message: JSON = ["role": "assistant", "content": text.isEmpty && !toolCalls.isEmpty ? .null : .string(text)]
        if !refusal.isEmpty { message["refusal"] = .string(refusal) }
        if !reasoning.isEmpty { message["reasoning_content"] = .string(reasoning) }
        if !toolCalls.isEmpty { message["tool_calls"] = .array(toolCalls) }
        var completion: JSON = [
            "id": response["id"] ?? "", "object": "chat.completion", "created": response["created_at"] ?? 0, "model": response["model"] ?? "",
            "choices": [["index": 0, "message": message, "finish_reason": .string(finishReason(of: response, callsTools: !toolCalls.isEmpty))]],
        ]
        if let usage = Usage(openAIResponses: response["usage"]) { completion["usage"] = usage.openAIJSON }
        return completion
    }

    /// A chat `tool_calls` entry for a `function_call` item.
    static func toolCall(_ item: JSON, index: Int) -> JSON {
        [
            "index": .int(index), "id": item["call_id"] ?? "", "type": "function",
            "function": ["name": item["name"] ?? "", "arguments": item["arguments"] ?? ""],
        ]
    }

    /// The reasoning a `reasoning` item shows: its summary, else its full text when the upstream sent it.
    static func reasoningText(of item: JSON) -> String {
        let summary = (item["summary"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined()
        if !summary.isEmpty { return summary }
        return (item["content"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined()
    }

    /// Chat's `finish_reason` for a response's status.
    static func finishReason(of response: JSON, callsTools: Bool) -> String {
        if response["status"] == "incomplete" {
            return response["incomplete_details"]?["reason"] == "content_filter" ? "content_filter" : "length"
        }
        return callsTools ? "tool_calls" : "stop"
    }
}
