public import GatewayCore

/// Translates a Responses API request (`POST /v1/responses`) into an OpenAI chat-completions request, so that any
/// deployment the pipeline can call (OpenAI-compatible, Anthropic, ...) answers it.
///
/// The mapping, field by field (docs/responses-api.md has the same table for users):
///
/// | Responses | chat completions |
/// |---|---|
/// | `input` (a string, or items) | `messages` (`+Input`, `+Messages`) |
/// | `instructions` | a first `system` message (not carried to follow-ups, as OpenAI does) |
/// | `tools` of type `function` | `tools` of type `function` (`+Tools`) |
/// | `tool_choice` | `tool_choice` |
/// | `text.format` | `response_format`; `text.verbosity` → `verbosity` |
/// | `max_output_tokens` | `max_completion_tokens` |
/// | `reasoning.effort` | `reasoning_effort` |
/// | `temperature`, `top_p`, `parallel_tool_calls`, `metadata`, `user`, `service_tier`, `safety_identifier`, `prompt_cache_key`, `prompt_cache_retention` | the same field |
/// | `stream` | `stream`, with `stream_options.include_usage` (the final event carries usage) |
///
/// Every other field is refused with a 400 naming it (`+Refusals`), so nothing a client asked for is dropped
/// unnoticed. The translation is a pure function of the body and the stored conversation it continues.
public enum ResponsesRequestTranslator {
    /// The chat request and what a stored response keeps of this request.
    public struct Translation: Sendable {
        /// The OpenAI chat-completions body for the pipeline.
        public var chat: JSON
        /// This request's input as Responses items, each with an `id` (what `GET …/input_items` lists and what a
        /// follow-up's history holds).
        public var inputItems: [JSON]
    }

    /// Translates one request.
    /// - Parameters:
    ///   - body: the Responses request body (a JSON object).
    ///   - history: the items of the conversation `previous_response_id` continues (its inputs and outputs, oldest
    ///     first); empty for a new conversation.
    /// - Returns: the chat body and the normalized input items.
    /// - Throws: ``GatewayError/badRequest(_:param:code:)`` naming the field that is malformed, out of range, or
    ///   cannot be expressed as a chat request.
    public static func translate(_ body: JSON, history: [JSON] = []) throws -> Translation {
        try Refusals.check(body)
        let inputItems = try normalizedInput(body["input"])
        if inputItems.isEmpty, history.isEmpty {
            throw GatewayError.badRequest("'input' is required: a string or a non-empty list of items.", param: "input")
        }
        var messages: [JSON] = []
        if let instructions = try optionalString(body, "instructions"), !instructions.isEmpty {
            messages.append(["role": "system", "content": .string(instructions)])
        }
        messages += try chatMessages(from: history, param: "previous_response_id")
        messages += try chatMessages(from: inputItems, param: "input")

        var chat: JSON = ["messages": .array(messages)]
        if let model = body["model"] { chat["model"] = model }
        try addSampling(from: body, to: &chat)
        try addTools(from: body, to: &chat)
        try addTextFormat(from: body, to: &chat)
        if let stream = try optionalBool(body, "stream") {
            chat["stream"] = .bool(stream)
            if stream { chat["stream_options"] = ["include_usage": true] }
        }
        return Translation(chat: chat, inputItems: inputItems)
    }

    // MARK: - Options

    /// `max_output_tokens`, `temperature`, `top_p`, `reasoning.effort`, `metadata`, `user` and the fields chat has
    /// under the same name, each range-checked.
    private static func addSampling(from body: JSON, to chat: inout JSON) throws {
        if let value = body["max_output_tokens"], !value.isNull {
            guard let tokens = value.intValue, tokens >= 1, tokens <= InputRange.maxTokens else {
                throw GatewayError.badRequest(
                    "'max_output_tokens' must be a whole number from 1 to \(InputRange.maxTokens).", param: "max_output_tokens")
            }
            chat["max_completion_tokens"] = .int(tokens)
        }
        for (key, range) in [("temperature", 0.0...2.0), ("top_p", 0.0...1.0)] {
            guard let value = body[key], !value.isNull else { continue }
            guard let number = value.doubleValue, number.isFinite, range.contains(number) else {
                throw GatewayError.badRequest(
                    "'\(key)' must be a number from \(range.lowerBound) to \(range.upperBound).", param: key)
            }
            chat[key] = value
        }
        if let parallel = try optionalBool(body, "parallel_tool_calls") { chat["parallel_tool_calls"] = .bool(parallel) }
        for key in ["user", "safety_identifier", "prompt_cache_key", "service_tier", "prompt_cache_retention"] {
            if let value = try optionalString(body, key) { chat[key] = .string(value) }
        }
        if let metadata = body["metadata"], !metadata.isNull {
            guard case .object = metadata else {
                throw GatewayError.badRequest("'metadata' must be an object, not \(metadata.typeName).", param: "metadata")
            }
            chat["metadata"] = metadata
        }
        if let reasoning = body["reasoning"], !reasoning.isNull {
            guard case .object(let fields) = reasoning else {
                throw GatewayError.badRequest("'reasoning' must be an object, not \(reasoning.typeName).", param: "reasoning")
            }
            if let effort = fields["effort"], !effort.isNull {
                let efforts = ["none", "minimal", "low", "medium", "high", "xhigh"]
                guard let name = effort.stringValue, efforts.contains(name) else {
                    throw GatewayError.badRequest("'reasoning.effort' must be one of \(efforts.joined(separator: ", ")).", param: "reasoning.effort")
                }
                chat["reasoning_effort"] = .string(name)
            }
        }
        // Gateway-level fields LiteLLM clients send beside the API's own; the pipeline reads and removes them.
        for key in ["fallbacks", "guardrails"] where body[key] != nil { chat[key] = body[key] }
    }

    // MARK: - Field access

    /// A string field, nil when absent or null. - Throws: 400 when it is another type.
    static func optionalString(_ object: JSON, _ key: String, param: String? = nil) throws -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw GatewayError.badRequest("'\(param ?? key)' must be a string, not \(value.typeName).", param: param ?? key)
        }
        return text
    }

    /// A boolean field, nil when absent or null. - Throws: 400 when it is another type.
    static func optionalBool(_ object: JSON, _ key: String, param: String? = nil) throws -> Bool? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let flag = value.boolValue else {
            throw GatewayError.badRequest("'\(param ?? key)' must be a boolean, not \(value.typeName).", param: param ?? key)
        }
        return flag
    }
}
