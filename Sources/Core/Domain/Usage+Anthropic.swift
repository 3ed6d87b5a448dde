extension Usage {
    /// Reads an Anthropic `usage` object (a message's, or the counts of a stream's `message_start` and
    /// `message_delta` merged, later values winning). Anthropic's `input_tokens` leaves the cache out, so the prompt
    /// is `input_tokens + cache_read_input_tokens + cache_creation_input_tokens`; `output_tokens` includes thinking.
    /// Absent or null counts are 0.
    public init(anthropic usage: JSON?) {
        let cacheRead = Self.count(usage?["cache_read_input_tokens"])
        let cacheWrite = Self.count(usage?["cache_creation_input_tokens"])
        // Each count is clamped (``count(_:)``), so the sum cannot overflow.
        self.init(
            promptTokens: Self.count(usage?["input_tokens"]) + cacheRead + cacheWrite, completionTokens: Self.count(usage?["output_tokens"]),
            cachedReadTokens: cacheRead, cacheWriteTokens: cacheWrite)
    }

    /// The Anthropic `usage` object of these counts: `input_tokens` without the cache, `output_tokens`, and, when not
    /// zero, `cache_read_input_tokens` and `cache_creation_input_tokens`.
    public var anthropicJSON: JSON {
        var json: JSON = ["input_tokens": .int(uncachedPromptTokens), "output_tokens": .int(completionTokens)]
        if cachedReadTokens > 0 { json["cache_read_input_tokens"] = .int(cachedReadTokens) }
        if cacheWriteTokens > 0 { json["cache_creation_input_tokens"] = .int(cacheWriteTokens) }
        return json
    }
}
