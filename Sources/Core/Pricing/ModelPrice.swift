/// What a model costs and how much it reads and writes: USD per input and per output token (with LiteLLM's prices
/// for cached input and reasoning output, when the model has them), its context window and the most tokens it
/// writes in one answer.
public struct ModelPrice: Sendable, Hashable {
    public var inputPerToken: Double
    public var outputPerToken: Double
    /// USD per input token read from the prompt cache (LiteLLM's `cache_read_input_token_cost`); nil bills cache
    /// reads at ``inputPerToken``.
    public var cacheReadPerToken: Double?
    /// USD per input token written to the prompt cache (LiteLLM's `cache_creation_input_token_cost`); nil bills cache
    /// writes at ``inputPerToken``.
    public var cacheWritePerToken: Double?
    /// USD per reasoning output token (LiteLLM's `output_cost_per_reasoning_token`); nil bills reasoning at
    /// ``outputPerToken``, as OpenAI and Anthropic do.
    public var reasoningPerToken: Double?
    /// USD per input image (LiteLLM's `input_cost_per_image`), for models that price images apart from tokens.
    public var inputPerImage: Double?
    /// USD per generated image (LiteLLM's `output_cost_per_image`).
    public var outputPerImage: Double?
    /// USD per second of input audio or video (LiteLLM's `input_cost_per_second`).
    public var inputPerSecond: Double?
    /// USD per second of generated output (LiteLLM's `output_cost_per_second`).
    public var outputPerSecond: Double?
    /// USD per query, Cohere's search unit for rerank (LiteLLM's `input_cost_per_query`).
    public var perQuery: Double?
    /// Input plus output tokens the model accepts, when known.
    public var contextWindow: Int?
    /// The most output tokens one answer may have (the provider's `max_output_tokens`), when known: what a request
    /// that names no `max_tokens` can cost at worst (``CostCeiling``).
    public var maxOutputTokens: Int?

    /// - Parameters: prices per **million** tokens, as providers publish them; a nil cache or reasoning price bills
    ///   those tokens at the input or output price.
    public init(
        inputPerMillion: Double, outputPerMillion: Double, contextWindow: Int? = nil, maxOutputTokens: Int? = nil,
        cacheReadPerMillion: Double? = nil, cacheWritePerMillion: Double? = nil, reasoningPerMillion: Double? = nil
    ) {
        self.inputPerToken = inputPerMillion / 1_000_000
        self.outputPerToken = outputPerMillion / 1_000_000
        self.cacheReadPerToken = cacheReadPerMillion.map { $0 / 1_000_000 }
        self.cacheWritePerToken = cacheWritePerMillion.map { $0 / 1_000_000 }
        self.reasoningPerToken = reasoningPerMillion.map { $0 / 1_000_000 }
        self.contextWindow = contextWindow
        self.maxOutputTokens = maxOutputTokens
    }

    /// - Parameters: prices per token, as LiteLLM writes them; set the other prices and limits on the value.
    public init(inputPerToken: Double, outputPerToken: Double) {
        self.inputPerToken = inputPerToken
        self.outputPerToken = outputPerToken
    }
}

/// Where a deployment's per-token price came from.
public enum PriceSource: String, Sendable, Hashable {
    /// `input_cost_per_token` / `output_cost_per_token` in the deployment's `litellm_params` or `model_info`.
    case configured
    /// config.yaml's `model_prices` (``PriceTable``).
    case configFile = "config_file"
    /// The price map (``PriceMap``: the bundled one, or one refreshed at startup).
    case bundled
    /// Neither: the deployment costs 0 (the server warns once at startup, or when the model is added).
    case unknown

    /// What the server logs, once, for a deployment whose price is unknown.
    public static let unknownPriceWarning =
        "no price known for this model: its cost counts as 0 (set model_info.input_cost_per_token and output_cost_per_token)"
}
