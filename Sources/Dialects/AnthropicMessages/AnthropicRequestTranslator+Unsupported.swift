public import GatewayCore

/// What an OpenAI chat request may carry to an Anthropic deployment: the parameters the Messages API can express
/// (mapped by ``AnthropicRequestTranslator/anthropicRequest(fromOpenAI:upstreamModel:dropUnsupported:)``), the
/// gateway's own fields (never sent upstream), and nothing else unless `drop_params` allows dropping it.
extension AnthropicRequestTranslator {
    /// Parameters with an Anthropic counterpart.
    static let mappedParams: Set<String> = [
        "model", "messages", "max_tokens", "max_completion_tokens", "temperature", "top_p", "top_k", "stream", "stop", "user", "tools",
        "tool_choice", "parallel_tool_calls", "reasoning_effort", "thinking",
    ]

    /// Parameters Anthropic can express for some values only (checked by value below).
    static let partlyMappedParams: Set<String> = ["n", "response_format"]

    /// Fields the gateway reads itself (tags and spend metadata, request fallbacks, guardrail names, stream usage).
    static let gatewayFields: Set<String> = ["metadata", "fallbacks", "guardrails", "tags", "stream_options", "mock_response"]

    /// Thinking budgets for OpenAI's `reasoning_effort`, as LiteLLM maps them.
    static let thinkingBudgets: [String: Int] = ["minimal": 1024, "low": 1024, "medium": 2048, "high": 4096]

    /// - Throws: 400 `unsupported_params` naming the first parameter Anthropic cannot express (sorted by name), or a
    ///   value of one it can express only in part (`n` above 1, `response_format` other than text, an unknown
    ///   `reasoning_effort`).
    static func refuseUnsupported(_ body: JSON, model: String) throws {
        func refuse(_ param: String, _ why: String) -> GatewayError {
            GatewayError.badRequest(
                "Anthropic model '\(model)' does not support \(why). Remove it, or set drop_params: true (litellm_settings, or the "
                    + "deployment's litellm_params) to have unsupported parameters dropped.", param: param, code: "unsupported_params")
        }
        let unknown = (body.objectValue ?? [:]).filter { key, value in
            !value.isNull && !mappedParams.contains(key) && !partlyMappedParams.contains(key) && !gatewayFields.contains(key)
        }
        if let name = unknown.keys.sorted().first { throw refuse(name, "the parameter '\(name)'") }
        if let n = body["n"]?.intValue, n > 1 { throw refuse("n", "n > 1") }
        if let format = body["response_format"]?["type"]?.stringValue, format != "text" {
            throw refuse("response_format", "response_format '\(format)'")
        }
        if let effort = body["reasoning_effort"]?.stringValue, effort != "none", thinkingBudgets[effort] == nil {
            throw refuse("reasoning_effort", "reasoning_effort '\(effort)'")
        }
    }

    /// Extended thinking: the request's own `thinking` (Anthropic's, as LiteLLM forwards it), else a budget for its
    /// `reasoning_effort`; `max_tokens` is raised past the budget when it would not leave room for an answer
    /// (Anthropic requires `max_tokens` above `budget_tokens`).
    static func addThinking(from body: JSON, to request: inout JSON) {
        var thinking = body["thinking"].flatMap { $0.isNull ? nil : $0 }
        if thinking == nil, let effort = body["reasoning_effort"]?.stringValue, let budget = thinkingBudgets[effort] {
            thinking = ["type": "enabled", "budget_tokens": .int(budget)]
        }
        guard let thinking else { return }
        request["thinking"] = thinking
        if let budget = thinking["budget_tokens"]?.intValue, let maxTokens = request["max_tokens"]?.intValue, maxTokens <= budget {
            request["max_tokens"] = .int(budget.addingReportingOverflow(defaultMaxTokens).overflow ? budget : budget + defaultMaxTokens)
        }
    }
}

extension AnthropicRequestTranslator {
    /// Top-level fields of a Messages request that ``openAIRequest(fromAnthropic:)`` carries into the chat view.
    static let translatedFields: Set<String> = [
        "model", "messages", "system", "max_tokens", "temperature", "top_p", "top_k", "stop_sequences", "stream", "metadata", "tools",
        "tool_choice",
    ]

    /// The fields of a Messages request a chat upstream would not get (extended thinking, `container`, `mcp_servers`,
    /// `service_tier`, fields of later API versions), sorted; the gateway's own fields are not among them. Then each
    /// server tool (`tools[1]`), and the path of each `document` block of a user turn (`messages[0].content[1]`): chat
    /// has no documents.
    public static func untranslatedFields(of body: JSON) -> [String] {
        let fields = (body.objectValue ?? [:]).filter { key, value in
            !value.isNull && !translatedFields.contains(key) && !gatewayFields.contains(key)
                && !(key == "thinking" && value["type"]?.stringValue == "disabled")
        }.keys.sorted()
        var blocks = (body["tools"]?.arrayValue ?? []).indices.filter { !isCustomTool(body["tools"]?[$0] ?? [:]) }.map { "tools[\($0)]" }
        for (turn, message) in (body["messages"]?.arrayValue ?? []).enumerated() {
            for (offset, block) in (message["content"]?.arrayValue ?? []).enumerated() {
                let path = "messages[\(turn)].content[\(offset)]"
                if block["type"] == "document" { blocks.append(path) }
                // A chat `tool` message carries text only: an image (or any other block) in a tool result has no place.
                guard block["type"] == "tool_result", let parts = block["content"]?.arrayValue else { continue }
                for (index, part) in parts.enumerated() where part["type"] != "text" { blocks.append("\(path).content[\(index)]") }
            }
        }
        return fields + blocks
    }
}
