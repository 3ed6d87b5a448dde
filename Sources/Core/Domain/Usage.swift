/// Token counts of one call, as OpenAI reports them in `usage`.
public struct Usage: Sendable, Hashable, Codable {
    public var promptTokens: Int
    public var completionTokens: Int
    /// Whether the gateway counted the tokens itself (a stream whose upstream sent no usage).
    public var isEstimate: Bool = false
    public var totalTokens: Int { promptTokens + completionTokens }

    enum CodingKeys: String, CodingKey { case promptTokens, completionTokens }

    public init(promptTokens: Int = 0, completionTokens: Int = 0) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }

    /// Reads an OpenAI `usage` object (`prompt_tokens`, `completion_tokens`); nil when absent or null.
    public init?(openAI usage: JSON?) {
        guard let usage, case .object = usage else { return nil }
        self.init(
            promptTokens: usage["prompt_tokens"]?.intValue ?? 0,
            completionTokens: usage["completion_tokens"]?.intValue ?? 0)
    }
}
