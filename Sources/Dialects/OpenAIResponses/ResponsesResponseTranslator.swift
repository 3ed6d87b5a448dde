public import GatewayCore

/// Builds Responses API `response` objects: the echo of the request every response carries, and the output, status
/// and usage of a chat completion.
///
/// Output items are, in this order: a `reasoning` item when the chat message carries `reasoning_content` (its text
/// as one `summary_text`) or `thinking_blocks` (in `encrypted_content`, ``ThinkingEnvelope``), a `message` item with one `output_text` part (and a `refusal` part for a refusal) when it
/// has text, then one `function_call` item per tool call (`call_id` is the upstream's tool call id).
public enum ResponsesResponseTranslator {
    /// The fields of a response that repeat the request, with `status: "in_progress"`, empty `output` and null
    /// `usage`: what `response.created` carries and what the final response starts from.
    /// - Parameters:
    ///   - id: the response id (``ResponsesIDs/response()``).
    ///   - createdAt: seconds since 1970.
    ///   - request: the Responses request body.
    ///   - stored: whether the gateway stores the response.
    public static func skeleton(id: String, createdAt: Int, request: JSON, stored: Bool) -> JSON {
        func value(_ key: String, default fallback: JSON = .null) -> JSON {
            guard let value = request[key], !value.isNull else { return fallback }
            return value
        }
        var reasoning: JSON = ["effort": request["reasoning"]?["effort"] ?? .null, "summary": .null]
        if let summary = request["reasoning"]?["summary"] ?? request["reasoning"]?["generate_summary"] { reasoning["summary"] = summary }
        return [
            "id": .string(id), "object": "response", "created_at": .int(createdAt), "status": "in_progress", "error": nil,
            "incomplete_details": nil, "instructions": value("instructions"), "max_output_tokens": value("max_output_tokens"),
            "model": value("model", default: ""), "output": [], "parallel_tool_calls": value("parallel_tool_calls", default: true),
            "previous_response_id": value("previous_response_id"), "reasoning": reasoning, "store": .bool(stored),
            "temperature": value("temperature", default: 1.0), "text": value("text", default: ["format": ["type": "text"]]),
            "tool_choice": value("tool_choice", default: "auto"), "tools": value("tools", default: []), "top_p": value("top_p", default: 1.0),
            "truncation": "disabled", "usage": nil, "user": value("user"), "metadata": value("metadata", default: [:]),
            "background": false, "service_tier": value("service_tier", default: "auto"),
        ]
    }

    /// The final response for a chat completion.
    /// - Parameters:
    ///   - completion: the OpenAI chat completion (its first choice is read).
    ///   - skeleton: ``skeleton(id:createdAt:request:stored:)``.
    public static func response(fromChat completion: JSON, skeleton: JSON) -> JSON {
        let choice = completion["choices"]?[0]
        let message = choice?["message"] ?? [:]
        var reasoning = message["reasoning_content"]?.stringValue ?? ""
        if reasoning.isEmpty { reasoning = message["reasoning"]?.stringValue ?? "" }
        var items: [JSON] = []
        let thinkingBlocks = message["thinking_blocks"]?.arrayValue ?? []
        if !reasoning.isEmpty || !thinkingBlocks.isEmpty {
            items.append(reasoningItem(id: ResponsesIDs.reasoning(), text: reasoning, thinkingBlocks: thinkingBlocks))
        }
        let text = message["content"]?.stringValue ?? ""
        let refusal = message["refusal"]?.stringValue ?? ""
        if !text.isEmpty || !refusal.isEmpty || message["tool_calls"]?.arrayValue?.isEmpty ?? true {
            items.append(messageItem(id: ResponsesIDs.message(), text: text, refusal: refusal, status: "completed"))
        }
        for call in message["tool_calls"]?.arrayValue ?? [] {
            items.append(
                functionCallItem(
                    id: ResponsesIDs.functionCall(), callID: call["id"]?.stringValue ?? ResponsesIDs.functionCall(),
                    name: call["function"]?["name"]?.stringValue ?? "", arguments: call["function"]?["arguments"]?.stringValue ?? "{}"))
        }
        return finished(skeleton, output: items, finishReason: choice?["finish_reason"]?.stringValue, usage: completion["usage"])
    }

    /// `skeleton` with its output, status (`completed`, or `incomplete` with `incomplete_details` for a `length` or
    /// `content_filter` finish) and usage.
    public static func finished(_ skeleton: JSON, output: [JSON], finishReason: String?, usage: JSON?) -> JSON {
        var response = skeleton
        response["output"] = .array(output)
        switch finishReason {
        case "length":
            response["status"] = "incomplete"
            response["incomplete_details"] = ["reason": "max_output_tokens"]
        case "content_filter":
            response["status"] = "incomplete"
            response["incomplete_details"] = ["reason": "content_filter"]
        default:
            response["status"] = "completed"
        }
        response["usage"] = responsesUsage(fromChat: usage)
        return response
    }

    /// A Responses `usage` from a chat `usage` (``Usage/init(openAI:)`` reads it, clamped): `input_tokens` (cached
    /// included, as chat's `prompt_tokens`), `output_tokens` (reasoning included), `total_tokens`,
    /// `input_tokens_details.cached_tokens` and `output_tokens_details.reasoning_tokens`; null without a usage.
    public static func responsesUsage(fromChat usage: JSON?) -> JSON {
        guard let counts = Usage(openAI: usage) else { return .null }
        return [
            "input_tokens": .int(counts.promptTokens), "output_tokens": .int(counts.completionTokens), "total_tokens": .int(counts.totalTokens),
            "input_tokens_details": ["cached_tokens": .int(counts.cachedReadTokens), "cache_write_tokens": .int(counts.cacheWriteTokens)],
            "output_tokens_details": ["reasoning_tokens": .int(counts.reasoningTokens)],
        ]
    }

    // MARK: - Items

    /// An assistant `message` item with one `output_text` part (and a `refusal` part when there is one).
    public static func messageItem(id: String, text: String, refusal: String = "", status: String) -> JSON {
        var content: [JSON] = []
        if !text.isEmpty || refusal.isEmpty { content.append(outputTextPart(text)) }
        if !refusal.isEmpty { content.append(["type": "refusal", "refusal": .string(refusal)]) }
        return ["id": .string(id), "type": "message", "role": "assistant", "status": .string(status), "content": .array(content)]
    }

    /// An `output_text` content part.
    public static func outputTextPart(_ text: String) -> JSON {
        ["type": "output_text", "text": .string(text), "annotations": [], "logprobs": []]
    }

    /// A `function_call` item.
    public static func functionCallItem(id: String, callID: String, name: String, arguments: String, status: String = "completed") -> JSON {
        [
            "id": .string(id), "type": "function_call", "call_id": .string(callID), "name": .string(name), "arguments": .string(arguments),
            "status": .string(status),
        ]
    }

    /// A `reasoning` item whose summary is the upstream's reasoning text.
    /// - Parameter thinkingBlocks: Anthropic's signed thinking (chat's `thinking_blocks`), carried in
    ///   `encrypted_content` (``ThinkingEnvelope``) so that the client sends it back with the next turn.
    public static func reasoningItem(id: String, text: String, thinkingBlocks: [JSON] = []) -> JSON {
        var item: JSON = [
            "id": .string(id), "type": "reasoning", "summary": text.isEmpty ? [] : [["type": "summary_text", "text": .string(text)]],
        ]
        if !thinkingBlocks.isEmpty { item["encrypted_content"] = .string(ThinkingEnvelope.encode(thinkingBlocks)) }
        return item
    }
}
