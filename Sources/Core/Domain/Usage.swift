/// Token counts of one call, as OpenAI reports them in `usage`.
public struct Usage: Sendable, Hashable, Codable {
    public var promptTokens: Int
    public var completionTokens: Int
    /// Whether the gateway counted the tokens itself (a stream whose upstream sent no usage).
    public var isEstimate: Bool = false
    /// The sum, saturating (the counts are public and may be set to anything).
    public var totalTokens: Int {
        let (sum, overflow) = promptTokens.addingReportingOverflow(completionTokens)
        return overflow ? (completionTokens > 0 ? .max : .min) : sum
    }

    enum CodingKeys: String, CodingKey { case promptTokens, completionTokens }

    /// Counts clamped to `0 ... InputRange.maxTokens`: they come from an upstream, and are summed and priced.
    public init(promptTokens: Int = 0, completionTokens: Int = 0) {
        self.promptTokens = min(max(promptTokens, 0), InputRange.maxTokens)
        self.completionTokens = min(max(completionTokens, 0), InputRange.maxTokens)
    }

    /// Reads an OpenAI `usage` object (`prompt_tokens`, `completion_tokens`); nil when absent or null.
    public init?(openAI usage: JSON?) {
        guard let usage, case .object = usage else { return nil }
        self.init(promptTokens: Self.count(usage["prompt_tokens"]), completionTokens: Self.count(usage["completion_tokens"]))
    }

    /// A token count from an upstream's JSON, clamped to `0 ... InputRange.maxTokens` (0 when absent or not a number),
    /// so sums of counts cannot overflow.
    public static func count(_ value: JSON?) -> Int {
        guard let number = value?.doubleValue, number > 0 else { return 0 }
        return number < Double(InputRange.maxTokens) ? Int(number) : InputRange.maxTokens
    }
}
