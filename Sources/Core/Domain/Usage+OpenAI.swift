extension Usage {
    /// Reads an OpenAI `usage` object (chat completions, completions, embeddings); nil when absent or null.
    ///
    /// | field | count |
    /// |---|---|
    /// | `prompt_tokens` | ``promptTokens`` (cached tokens included, as OpenAI counts them) |
    /// | `completion_tokens` | ``completionTokens`` (reasoning included) |
    /// | `prompt_tokens_details.cached_tokens`, else `cache_read_input_tokens`, else DeepSeek's `prompt_cache_hit_tokens` | ``cachedReadTokens`` |
    /// | `cache_creation_input_tokens`, else `prompt_tokens_details.cache_creation_tokens` (LiteLLM's names for Anthropic's cache writes) | ``cacheWriteTokens`` |
    /// | `completion_tokens_details.reasoning_tokens` | ``reasoningTokens`` |
    public init?(openAI usage: JSON?) {
        guard let usage, case .object = usage else { return nil }
        let details = usage["prompt_tokens_details"]
        self.init(
            promptTokens: Self.count(usage["prompt_tokens"]), completionTokens: Self.count(usage["completion_tokens"]),
            cachedReadTokens: Self.first(details?["cached_tokens"], usage["cache_read_input_tokens"], usage["prompt_cache_hit_tokens"]),
            cacheWriteTokens: Self.first(usage["cache_creation_input_tokens"], details?["cache_creation_tokens"]),
            reasoningTokens: Self.count(usage["completion_tokens_details"]?["reasoning_tokens"]))
    }

    /// Reads the `usage` of an OpenAI Responses API answer (`input_tokens`, `output_tokens`,
    /// `input_tokens_details.cached_tokens`, `output_tokens_details.reasoning_tokens`); nil when absent or null.
    /// Its `input_tokens` includes cached tokens, as chat's `prompt_tokens` does.
    public init?(openAIResponses usage: JSON?) {
        guard let usage, case .object = usage else { return nil }
        self.init(
            promptTokens: Self.count(usage["input_tokens"]), completionTokens: Self.count(usage["output_tokens"]),
            cachedReadTokens: Self.count(usage["input_tokens_details"]?["cached_tokens"]),
            reasoningTokens: Self.count(usage["output_tokens_details"]?["reasoning_tokens"]))
    }

    /// The OpenAI `usage` object of these counts: `prompt_tokens`, `completion_tokens`, `total_tokens`, and, when not
    /// zero, `prompt_tokens_details.cached_tokens`, `cache_creation_input_tokens` (LiteLLM's field for cache writes,
    /// which OpenAI has none for) and `completion_tokens_details.reasoning_tokens`.
    public var openAIJSON: JSON {
        var json: JSON = ["prompt_tokens": .int(promptTokens), "completion_tokens": .int(completionTokens), "total_tokens": .int(totalTokens)]
        if cachedReadTokens > 0 { json["prompt_tokens_details"] = ["cached_tokens": .int(cachedReadTokens)] }
        if cacheWriteTokens > 0 { json["cache_creation_input_tokens"] = .int(cacheWriteTokens) }
        if reasoningTokens > 0 { json["completion_tokens_details"] = ["reasoning_tokens": .int(reasoningTokens)] }
        return json
    }

    /// The first of `values` that is a positive count, clamped (``count(_:)``); 0 when none is.
    private static func first(_ values: JSON?...) -> Int {
        values.lazy.map(count).first { $0 > 0 } ?? 0
    }
}
