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
        pricing: PriceSource = .configured, contextWindow: Int? = nil
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
        self.pricing = pricing
        self.contextWindow = contextWindow
    }

    /// `model_info.team_id`: a team's own model, callable by that team's keys only, under ``modelName`` (LiteLLM's
    /// `team_public_model_name`). Nil for a model every caller may be granted.
    public var teamID: String? { modelInfo["team_id"]?.stringValue }

    /// The cost in USD of a call with this usage.
    public func cost(of usage: Usage) -> Double {
        Double(usage.promptTokens) * inputCostPerToken + Double(usage.completionTokens) * outputCostPerToken
    }
}
