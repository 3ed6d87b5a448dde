import GatewayCore

/// What an OpenAI chat request may carry to a Gemini deployment: the parameters `generateContent` can express
/// (mapped by ``GeminiRequestTranslator/geminiRequest(fromOpenAI:model:dropUnsupported:)``), the gateway's own
/// fields (never sent upstream), and nothing else unless `drop_params` allows dropping it.
extension GeminiRequestTranslator {
    /// Parameters with a Gemini counterpart. `user` is the gateway's end-user id (spend, budgets); Gemini has no
    /// such field, and it is not sent.
    static let mappedParams: Set<String> = [
        "model", "messages", "max_tokens", "max_completion_tokens", "temperature", "top_p", "top_k", "stream", "stop", "n", "seed",
        "presence_penalty", "frequency_penalty", "tools", "tool_choice", "response_format", "reasoning_effort", "thinking", "safety_settings",
        "safetySettings", "cached_content", "cachedContent", "user",
    ]

    /// Fields the gateway reads itself (tags and spend metadata, request fallbacks, guardrail names, stream usage).
    static let gatewayFields: Set<String> = ["metadata", "fallbacks", "guardrails", "tags", "stream_options", "mock_response"]

    /// - Throws: 400 `unsupported_params` naming the first parameter Gemini cannot express (sorted by name), or a
    ///   value of one it can express only in part (`parallel_tool_calls: false`, which Gemini has no switch for).
    static func refuseUnsupported(_ body: JSON, model: String) throws {
        func refuse(_ param: String, _ why: String) -> GatewayError {
            GatewayError.badRequest(
                "Gemini model '\(model)' does not support \(why). Remove it, or set drop_params: true (litellm_settings, or the "
                    + "deployment's litellm_params) to have unsupported parameters dropped.", param: param, code: "unsupported_params")
        }
        let unknown = (body.objectValue ?? [:]).filter { key, value in
            !value.isNull && !mappedParams.contains(key) && !gatewayFields.contains(key) && key != "parallel_tool_calls"
        }
        if let name = unknown.keys.sorted().first { throw refuse(name, "the parameter '\(name)'") }
        if body["parallel_tool_calls"]?.boolValue == false { throw refuse("parallel_tool_calls", "parallel_tool_calls: false") }
        for (index, message) in (body["messages"]?.arrayValue ?? []).enumerated() {
            for (offset, part) in (message["content"]?.arrayValue ?? []).enumerated() where part["cache_control"].map({ !$0.isNull }) ?? false {
                throw refuse("messages[\(index)].content[\(offset)].cache_control", "cache_control (Gemini caches through cached_content)")
            }
        }
    }
}
