/// Amazon Bedrock's model ids in the price table.
///
/// A Bedrock id names a vendor and a version, and may name a cross-region inference profile:
/// `[region.]vendor.model[-vN][:M]`, such as `us.anthropic.claude-sonnet-4-20250514-v1:0` or
/// `amazon.titan-embed-text-v2:0`. ``lookupNames(_:)`` gives the shorter names such an id is also looked up under, so a
/// model that Bedrock serves at its maker's list price (Anthropic's Claude) prices as its family, and a Bedrock-only
/// family is found under `vendor.model` (``bedrockTable``). An inference profile prices as its source region's
/// on-demand price (the one AWS lists), without any regional premium AWS may add: a deployment that pays one sets
/// `input_cost_per_token` / `output_cost_per_token`, or config.yaml's `model_prices` under the full id.
extension ModelPrices {
    /// The region prefixes of cross-region inference profiles (`us.`, `eu.`, `apac.`, `global.`...).
    static let bedrockRegions: Set<String> = ["us", "us-gov", "eu", "apac", "global", "jp", "au", "ca"]
    /// The vendors of Bedrock model ids: a name is read as a Bedrock id only when it starts with one and a dot.
    static let bedrockVendors: Set<String> = [
        "amazon", "anthropic", "ai21", "cohere", "deepseek", "meta", "mistral", "openai", "qwen", "stability", "twelvelabs", "writer",
    ]

    /// The names `model` is looked up under, most specific first: the name itself (lowercased), then, for a Bedrock id,
    /// without its region prefix, without its `:M` version, without a trailing `-vN` revision, and last without its
    /// vendor (`claude-3-5-sonnet-20241022-v2`, which extends the `claude-3-5-sonnet` family). A name that is not a
    /// Bedrock id is looked up as it is.
    ///
    /// `us.anthropic.claude-3-5-sonnet-20241022-v2:0` → `us.anthropic.claude-3-5-sonnet-20241022-v2:0`,
    /// `anthropic.claude-3-5-sonnet-20241022-v2:0`, `anthropic.claude-3-5-sonnet-20241022-v2`,
    /// `anthropic.claude-3-5-sonnet-20241022`, `claude-3-5-sonnet-20241022-v2`, `claude-3-5-sonnet-20241022`.
    static func lookupNames(_ model: String) -> [String] {
        let name = model.lowercased()
        var rest = Substring(name)
        if let dot = rest.firstIndex(of: "."), bedrockRegions.contains(String(rest[..<dot])) { rest = rest[rest.index(after: dot)...] }
        guard let dot = rest.firstIndex(of: "."), bedrockVendors.contains(String(rest[..<dot])) else { return [name] }
        let vendor = rest[..<dot]
        let id = rest[rest.index(after: dot)...]
        let unversioned = id.prefix { $0 != ":" }
        let unrevised = withoutRevision(unversioned)
        let names = [name, String(rest), "\(vendor).\(unversioned)", "\(vendor).\(unrevised)", String(unversioned), String(unrevised)]
        var seen: Set<String> = []
        return names.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// `id` without a trailing `-v` and digits (`claude-3-5-sonnet-20241022-v2` → `claude-3-5-sonnet-20241022`).
    private static func withoutRevision(_ id: Substring) -> Substring {
        guard let dash = id.lastIndex(of: "-") else { return id }
        let suffix = id[id.index(after: dash)...]
        guard suffix.count > 1, suffix.first == "v", suffix.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return id
        }
        return id[..<dash]
    }

    /// Bedrock-only families, under `vendor.model` without version: AWS's on-demand prices per million tokens in
    /// us-east-1 / us-west-2, as the Amazon Bedrock pricing page lists them per 1,000 tokens (read from copies of that
    /// page dated 2025-07 and late 2025, checked against LiteLLM's `model_prices_and_context_window.json` where the two
    /// differ only by AWS's later price cuts). Context windows from the model cards. Claude on Bedrock costs what
    /// Anthropic lists, so it prices through the Anthropic entries (``lookupNames(_:)``).
    static let bedrockTable: [String: ModelPrice] = [
        // Amazon Nova: cache reads at a quarter of the input price.
        "amazon.nova-micro": p(0.035, 0.14, 128_000, 10_000, read: 0.00875),
        "amazon.nova-lite": p(0.06, 0.24, 300_000, 10_000, read: 0.015),
        "amazon.nova-pro": p(0.8, 3.2, 300_000, 10_000, read: 0.2),
        "amazon.nova-premier": p(2.5, 12.5, 1_000_000, read: 0.625),
        "amazon.nova-2-lite": p(0.3, 2.5, 1_000_000, 64_000, read: 0.075),
        // Embeddings: input tokens only.
        "amazon.titan-embed-text-v1": p(0.1, 0, 8_192), "amazon.titan-embed-text-v2": p(0.02, 0, 8_192),
        "cohere.embed-english-v3": p(0.1, 0, 512), "cohere.embed-multilingual-v3": p(0.1, 0, 512),
        // Cohere Command R (the longer key wins for `command-r-plus`).
        "cohere.command-r": p(0.5, 1.5, 128_000), "cohere.command-r-plus": p(3, 15, 128_000),
        // Meta Llama 3.x
        "meta.llama3-8b-instruct": p(0.3, 0.6, 8_192), "meta.llama3-70b-instruct": p(2.65, 3.5, 8_192),
        "meta.llama3-1-8b-instruct": p(0.22, 0.22, 128_000), "meta.llama3-1-70b-instruct": p(0.72, 0.72, 128_000),
        "meta.llama3-1-405b-instruct": p(2.4, 2.4, 128_000),
        "meta.llama3-2-1b-instruct": p(0.1, 0.1, 128_000), "meta.llama3-2-3b-instruct": p(0.15, 0.15, 128_000),
        "meta.llama3-3-70b-instruct": p(0.72, 0.72, 128_000),
        // Mistral on Bedrock
        "mistral.mistral-7b-instruct": p(0.15, 0.2, 32_000), "mistral.mixtral-8x7b-instruct": p(0.45, 0.7, 32_000),
        "mistral.mistral-small-2402": p(1, 3, 32_000),
        "mistral.mistral-large-2402": p(4, 12, 32_000), "mistral.mistral-large-2407": p(4, 12, 128_000),
        // DeepSeek on Bedrock
        "deepseek.r1": p(1.35, 5.4, 128_000),
    ]
}
