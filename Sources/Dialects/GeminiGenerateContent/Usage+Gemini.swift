public import GatewayCore

extension Usage {
    /// Reads Gemini's `usageMetadata`; nil when absent or null.
    ///
    /// | field | count |
    /// |---|---|
    /// | `promptTokenCount` (+ `toolUsePromptTokenCount`) | ``promptTokens`` (cached content included, as Gemini counts it) |
    /// | `cachedContentTokenCount` | ``cachedReadTokens`` |
    /// | `candidatesTokenCount` + `thoughtsTokenCount` | ``completionTokens`` (thoughts are billed as output) |
    /// | `thoughtsTokenCount` | ``reasoningTokens`` |
    public init?(gemini usage: JSON?) {
        guard let usage, case .object = usage else { return nil }
        let thoughts = Self.count(usage["thoughtsTokenCount"])
        self.init(
            promptTokens: Self.count(usage["promptTokenCount"]) + Self.count(usage["toolUsePromptTokenCount"]),
            completionTokens: Self.count(usage["candidatesTokenCount"]) + thoughts,
            cachedReadTokens: Self.count(usage["cachedContentTokenCount"]), reasoningTokens: thoughts)
    }
}
