/// Token counts of one call, as OpenAI counts them in `usage`: the prompt counts every input token, cached ones
/// included, and the completion counts every output token, reasoning included.
///
/// The parts priced apart are subsets of those two totals: ``cachedReadTokens`` and ``cacheWriteTokens`` of
/// ``promptTokens``, ``reasoningTokens`` of ``completionTokens`` (``Deployment/cost(of:)``). Each dialect's usage
/// is read into this one shape: OpenAI chat and completions (``init(openAI:)``), the Responses API
/// (``init(openAIResponses:)``) and Anthropic messages (``init(anthropic:)``, whose `input_tokens` leaves the cache
/// out).
public struct Usage: Sendable, Hashable, Codable {
    /// Every input token, cached reads and cache writes included.
    public var promptTokens: Int
    /// Every output token, reasoning included.
    public var completionTokens: Int
    /// Input tokens read from the provider's prompt cache (OpenAI `prompt_tokens_details.cached_tokens`, Anthropic
    /// `cache_read_input_tokens`): part of ``promptTokens``.
    public var cachedReadTokens: Int = 0
    /// Input tokens written to the provider's prompt cache (Anthropic `cache_creation_input_tokens`): part of
    /// ``promptTokens``.
    public var cacheWriteTokens: Int = 0
    /// Output tokens spent on reasoning (OpenAI `completion_tokens_details.reasoning_tokens`): part of
    /// ``completionTokens``.
    public var reasoningTokens: Int = 0
    /// Search units a rerank call was billed (Cohere's `meta.billed_units.search_units`), priced per query
    /// (``Deployment/costPerQuery``); 0 for every other call.
    public var searchUnits: Int = 0
    /// Whether the gateway counted the tokens itself (a stream whose upstream sent no usage).
    public var isEstimate: Bool = false
    /// The sum, saturating (the counts are public and may be set to anything).
    public var totalTokens: Int {
        let (sum, overflow) = promptTokens.addingReportingOverflow(completionTokens)
        return overflow ? (completionTokens > 0 ? .max : .min) : sum
    }

    /// Input tokens billed at the plain input price: the prompt less its cache reads and writes, never below 0.
    public var uncachedPromptTokens: Int {
        let cached = min(max(cachedReadTokens, 0), InputRange.maxTokens) + min(max(cacheWriteTokens, 0), InputRange.maxTokens)
        return max(0, promptTokens - min(cached, max(promptTokens, 0)))
    }

    enum CodingKeys: String, CodingKey { case promptTokens, completionTokens, cachedReadTokens, cacheWriteTokens, reasoningTokens, searchUnits }

    /// Counts clamped to `0 ... InputRange.maxTokens` (they come from an upstream, and are summed and priced), the
    /// parts to their totals: cache reads to the prompt, cache writes to what the reads leave of it, reasoning to the
    /// completion.
    public init(promptTokens: Int = 0, completionTokens: Int = 0, cachedReadTokens: Int = 0, cacheWriteTokens: Int = 0, reasoningTokens: Int = 0) {
        self.promptTokens = Self.clamped(promptTokens)
        self.completionTokens = Self.clamped(completionTokens)
        self.cachedReadTokens = min(Self.clamped(cachedReadTokens), self.promptTokens)
        self.cacheWriteTokens = min(Self.clamped(cacheWriteTokens), self.promptTokens - self.cachedReadTokens)
        self.reasoningTokens = min(Self.clamped(reasoningTokens), self.completionTokens)
    }

    /// Decodes the counts; the parts priced apart are optional (0 when absent), so older encodings still decode.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            promptTokens: try container.decode(Int.self, forKey: .promptTokens),
            completionTokens: try container.decode(Int.self, forKey: .completionTokens),
            cachedReadTokens: try container.decodeIfPresent(Int.self, forKey: .cachedReadTokens) ?? 0,
            cacheWriteTokens: try container.decodeIfPresent(Int.self, forKey: .cacheWriteTokens) ?? 0,
            reasoningTokens: try container.decodeIfPresent(Int.self, forKey: .reasoningTokens) ?? 0)
        searchUnits = Self.clamped(try container.decodeIfPresent(Int.self, forKey: .searchUnits) ?? 0)
    }

    /// A token count from an upstream's JSON, clamped to `0 ... InputRange.maxTokens` (0 when absent or not a number),
    /// so sums of counts cannot overflow.
    public static func count(_ value: JSON?) -> Int {
        guard let number = value?.doubleValue, number > 0 else { return 0 }
        return number < Double(InputRange.maxTokens) ? Int(number) : InputRange.maxTokens
    }

    private static func clamped(_ count: Int) -> Int { min(max(count, 0), InputRange.maxTokens) }
}
