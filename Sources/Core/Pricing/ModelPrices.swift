/// The bundled price table: list prices per million tokens (cached input apart where the provider prices it:
/// OpenAI's cached input, Anthropic's cache reads and writes, DeepSeek's cache hits), context windows and output
/// limits of common models, as their providers published them (late 2026). A deployment's own
/// `input_cost_per_token` / `output_cost_per_token` always wins; a model missing here costs 0 and is reported once
/// (never a failure).
///
/// Lookup is by the upstream model name (the part after `provider/`): the exact name, else the longest entry
/// the name extends with `-` (a dated snapshot such as `gpt-4o-2024-08-06` or `claude-3-5-sonnet-20241022`
/// prices as its family). A Bedrock model id is also looked up under its shorter forms (``lookupNames(_:)``:
/// `us.anthropic.claude-sonnet-4-20250514-v1:0` prices as `claude-sonnet-4`); Bedrock-only families are in
/// `ModelPrices+Bedrock.swift`.
public enum ModelPrices {
    /// The price of `model`, or nil when the table does not know it.
    public static func price(of model: String) -> ModelPrice? {
        lookupNames(model).lazy.compactMap { match($0, in: table)?.price }.first
    }

    /// `model` in `table`: the exact (lowercased) name, else the longest entry the name extends with `-`, with
    /// the entry that matched (so two tables can be compared by how specific their matches are).
    static func match(_ model: String, in table: [String: ModelPrice]) -> (key: String, price: ModelPrice, exact: Bool)? {
        let name = model.lowercased()
        if let exact = table[name] { return (name, exact, true) }
        var best: (key: String, price: ModelPrice, exact: Bool)?
        for (key, price) in table where name.hasPrefix(key + "-") && key.count > (best?.key.count ?? 0) {
            best = (key, price, false)
        }
        return best
    }

    /// A price per million tokens; `read` and `write` are the cached-input prices (nil: billed as input).
    static func p(
        _ input: Double, _ output: Double, _ context: Int, _ maxOutput: Int? = nil, read: Double? = nil, write: Double? = nil
    ) -> ModelPrice {
        ModelPrice(
            inputPerMillion: input, outputPerMillion: output, contextWindow: context, maxOutputTokens: maxOutput, cacheReadPerMillion: read,
            cacheWritePerMillion: write)
    }

    /// Every bundled price: the providers' own below, and Bedrock's families (``bedrockTable``).
    static let table: [String: ModelPrice] = providerTable.merging(bedrockTable) { own, _ in own }

    /// The prices of the providers' own APIs, under their model names.
    static let providerTable: [String: ModelPrice] = [
        // OpenAI: cached input (`read`) at its own price, no cache-write premium.
        "gpt-5": p(1.25, 10, 400_000, 128_000, read: 0.125), "gpt-5-mini": p(0.25, 2, 400_000, 128_000, read: 0.025),
        "gpt-5-nano": p(0.05, 0.4, 400_000, 128_000, read: 0.005),
        "gpt-4.1": p(2, 8, 1_047_576, 32_768, read: 0.5), "gpt-4.1-mini": p(0.4, 1.6, 1_047_576, 32_768, read: 0.1),
        "gpt-4.1-nano": p(0.1, 0.4, 1_047_576, 32_768, read: 0.025),
        "gpt-4o": p(2.5, 10, 128_000, 16_384, read: 1.25), "gpt-4o-mini": p(0.15, 0.6, 128_000, 16_384, read: 0.075),
        "gpt-4-turbo": p(10, 30, 128_000, 4_096), "gpt-4": p(30, 60, 8_192, 8_192), "gpt-3.5-turbo": p(0.5, 1.5, 16_385, 4_096),
        "o1": p(15, 60, 200_000, 100_000, read: 7.5), "o3": p(2, 8, 200_000, 100_000, read: 0.5),
        "o3-mini": p(1.1, 4.4, 200_000, 100_000, read: 0.55), "o4-mini": p(1.1, 4.4, 200_000, 100_000, read: 0.275),
        "text-embedding-3-small": p(0.02, 0, 8_191), "text-embedding-3-large": p(0.13, 0, 8_191),
        "text-embedding-ada-002": p(0.1, 0, 8_191),
        // Anthropic: cache reads at a tenth of the input price, cache writes (5-minute TTL) at 1.25 times it.
        "claude-opus-4-1": p(15, 75, 200_000, 32_000, read: 1.5, write: 18.75), "claude-opus-4": p(15, 75, 200_000, 32_000, read: 1.5, write: 18.75),
        "claude-sonnet-4-5": p(3, 15, 200_000, 64_000, read: 0.3, write: 3.75), "claude-sonnet-4": p(3, 15, 200_000, 64_000, read: 0.3, write: 3.75),
        "claude-haiku-4-5": p(1, 5, 200_000, 64_000, read: 0.1, write: 1.25),
        "claude-3-7-sonnet": p(3, 15, 200_000, 64_000, read: 0.3, write: 3.75),
        "claude-3-5-sonnet": p(3, 15, 200_000, 8_192, read: 0.3, write: 3.75),
        "claude-3-5-haiku": p(0.8, 4, 200_000, 8_192, read: 0.08, write: 1),
        "claude-3-opus": p(15, 75, 200_000, 4_096, read: 1.5, write: 18.75),
        "claude-3-haiku": p(0.25, 1.25, 200_000, 4_096, read: 0.03, write: 0.3),
        // Google
        "gemini-2.5-pro": p(1.25, 10, 1_048_576, 65_536), "gemini-2.5-flash": p(0.3, 2.5, 1_048_576, 65_536),
        "gemini-2.5-flash-lite": p(0.1, 0.4, 1_048_576, 65_536), "gemini-2.0-flash": p(0.1, 0.4, 1_048_576, 8_192),
        "gemini-1.5-pro": p(1.25, 5, 2_097_152, 8_192), "gemini-1.5-flash": p(0.075, 0.3, 1_048_576, 8_192),
        // Mistral
        "mistral-large-latest": p(2, 6, 128_000, 128_000), "mistral-medium-latest": p(0.4, 2, 128_000, 8_191),
        "mistral-small-latest": p(0.1, 0.3, 128_000, 8_191), "codestral-latest": p(0.3, 0.9, 256_000, 8_191),
        "open-mistral-nemo": p(0.15, 0.15, 128_000, 128_000),
        // Groq
        "llama-3.3-70b-versatile": p(0.59, 0.79, 131_072, 32_768), "llama-3.1-8b-instant": p(0.05, 0.08, 131_072, 131_072),
        // DeepSeek: a cache hit (`prompt_cache_hit_tokens`) at its own price.
        "deepseek-chat": p(0.27, 1.1, 65_536, 8_192, read: 0.07), "deepseek-reasoner": p(0.55, 2.19, 65_536, 64_000, read: 0.14),
    ]
}
