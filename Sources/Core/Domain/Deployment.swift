/// One upstream deployment: a `model_list` entry of config.yaml.
///
/// Several deployments may share one `modelName`; together they are a model group that routing chooses from.
public struct Deployment: Sendable, Hashable, Identifiable {
    /// `model_info.id`, or a stable id derived from the entry when absent.
    public var id: String
    /// The public name clients send as `model`.
    public var modelName: String
    /// The provider prefix of `litellm_params.model` (`openai`, `anthropic`, `fake`, ...).
    public var provider: String
    /// The model name the upstream expects (the part after the provider prefix).
    public var upstreamModel: String
    /// `litellm_params.api_base`; nil uses the provider's default.
    public var apiBase: String?
    /// `litellm_params.api_key`, already resolved from `os.environ/NAME`. Never logged.
    public var apiKey: String?
    /// Whole-call timeout in seconds.
    public var timeout: Double
    /// `litellm_params.stream_timeout`: seconds a streamed call may take to deliver its first chunk; nil uses
    /// ``timeout``.
    public var streamTimeout: Double?
    public var rpm: Int?
    public var tpm: Int?
    public var weight: Double
    /// Lower runs first; nil after every ordered deployment.
    public var order: Int?
    public var accessGroups: [String]
    /// `model_info` as written, for plugins that read their own fields.
    public var modelInfo: JSON
    /// Other `litellm_params` as configured; those that are request parameters (``upstreamDefaults``: `temperature`,
    /// `max_tokens`, ...) are merged into the upstream body when the client omits them, the rest never reach it.
    public var extraParams: [String: JSON]
    /// Cost in USD per input and per output token (`model_info.input_cost_per_token`, `output_cost_per_token`).
    public var inputCostPerToken: Double
    public var outputCostPerToken: Double
    /// USD per cached input token read (`cache_read_input_token_cost`); nil bills cache reads at ``inputCostPerToken``.
    public var cacheReadCostPerToken: Double?
    /// USD per input token written to the prompt cache (`cache_creation_input_token_cost`); nil bills cache writes at
    /// ``inputCostPerToken``.
    public var cacheWriteCostPerToken: Double?
    /// USD per reasoning output token (`output_cost_per_reasoning_token`); nil bills reasoning at ``outputCostPerToken``.
    public var reasoningCostPerToken: Double?
    /// USD per rerank query, Cohere's search unit (LiteLLM's `input_cost_per_query`); nil prices rerank calls by
    /// their tokens alone.
    public var costPerQuery: Double?
    /// Where the costs came from: configured, the bundled table, or unknown (cost 0).
    public var pricing: PriceSource
    /// Input plus output tokens the model accepts (`model_info.max_tokens`, else the bundled table), when known.
    public var contextWindow: Int?
    /// `litellm_params.max_parallel_requests`: upstream calls in flight at once; nil uses the router's default
    /// (``RouterSettings/defaultMaxParallelRequests``).
    public var maxParallelRequests: Int?
    /// `litellm_params.num_retries` (or LiteLLM's `max_retries`): retries of this deployment's group; nil uses
    /// `router_settings.num_retries`.
    public var numRetries: Int?

    public init(
        id: String, modelName: String, provider: String, upstreamModel: String, apiBase: String? = nil, apiKey: String? = nil,
        timeout: Double = 600, streamTimeout: Double? = nil, rpm: Int? = nil, tpm: Int? = nil, weight: Double = 1, order: Int? = nil,
        accessGroups: [String] = [],
        modelInfo: JSON = .object([:]), extraParams: [String: JSON] = [:], inputCostPerToken: Double = 0, outputCostPerToken: Double = 0,
        pricing: PriceSource = .configured, contextWindow: Int? = nil, cacheReadCostPerToken: Double? = nil, cacheWriteCostPerToken: Double? = nil,
        reasoningCostPerToken: Double? = nil
    ) {
        self.id = id
        self.modelName = modelName
        self.provider = provider
        self.upstreamModel = upstreamModel
        self.apiBase = apiBase
        self.apiKey = apiKey
        self.timeout = timeout
        self.streamTimeout = streamTimeout
        self.rpm = rpm
        self.tpm = tpm
        self.weight = weight
        self.order = order
        self.accessGroups = accessGroups
        self.modelInfo = modelInfo
        self.extraParams = extraParams
        self.inputCostPerToken = inputCostPerToken
        self.outputCostPerToken = outputCostPerToken
        self.cacheReadCostPerToken = cacheReadCostPerToken
        self.cacheWriteCostPerToken = cacheWriteCostPerToken
        self.reasoningCostPerToken = reasoningCostPerToken
        self.pricing = pricing
        self.contextWindow = contextWindow
    }

    /// `model_info.team_id`: a team's own model, callable by that team's keys only, under ``modelName`` (LiteLLM's
    /// `team_public_model_name`). Nil for a model every caller may be granted.
    public var teamID: String? { modelInfo["team_id"]?.stringValue }

    /// The cost in USD of a call with this usage:
    ///
    /// ```
    /// uncached input × input price + cache reads × cache-read price + cache writes × cache-write price
    ///   + (output − reasoning) × output price + reasoning × reasoning price
    ///   + search units × per-query price
    /// ```
    ///
    /// A cache price that is not set is the input price, a reasoning price that is not set the output price (so
    /// reasoning tokens cost what other output tokens cost, as OpenAI and Anthropic bill them).
    public func cost(of usage: Usage) -> Double {
        // The counts are public and may be set to anything: clamped again as Usage's init does, so that no
        // difference traps and the parts never exceed their totals.
        let clean = Usage(
            promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, cachedReadTokens: usage.cachedReadTokens,
            cacheWriteTokens: usage.cacheWriteTokens, reasoningTokens: usage.reasoningTokens)
        let input =
            Double(clean.uncachedPromptTokens) * inputCostPerToken + Double(clean.cachedReadTokens) * (cacheReadCostPerToken ?? inputCostPerToken)
            + Double(clean.cacheWriteTokens) * (cacheWriteCostPerToken ?? inputCostPerToken)
        let output =
            Double(clean.completionTokens - clean.reasoningTokens) * outputCostPerToken
            + Double(clean.reasoningTokens) * (reasoningCostPerToken ?? outputCostPerToken)
        let queries = Double(min(max(usage.searchUnits, 0), InputRange.maxTokens)) * (costPerQuery ?? 0)
        return input + output + queries
    }
}
