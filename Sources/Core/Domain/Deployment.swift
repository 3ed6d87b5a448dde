/// One upstream deployment: a `model_list` entry of config.yaml.
///
/// Several deployments may share one `modelName`; together they are a model group that routing chooses from.
public struct Deployment: Sendable, Hashable, Identifiable {
    /// The stored properties, behind one reference (``CopiedOnWrite``): deployments are copied into every routing
    /// decision, attempt and outcome.
    private struct Fields: Sendable, Hashable {
        var id: String
        var modelName: String
        var provider: String
        var upstreamModel: String
        var apiBase: String?
        var apiKey: String?
        var timeout: Double
        var streamTimeout: Double?
        var rpm: Int?
        var tpm: Int?
        var weight: Double
        var order: Int?
        var accessGroups: [String]
        var modelInfo: JSON
        var extraParams: [String: JSON]
        var inputCostPerToken: Double
        var outputCostPerToken: Double
        var cacheReadCostPerToken: Double?
        var cacheWriteCostPerToken: Double?
        var reasoningCostPerToken: Double?
        var costPerQuery: Double?
        var pricing: PriceSource
        var contextWindow: Int?
        var maxParallelRequests: Int?
        var numRetries: Int?
    }

    @CopiedOnWrite private var fields: Fields

    /// `model_info.id`, or a stable id derived from the entry when absent.
    public var id: String {
        get { fields.id }
        _modify { yield &fields.id }
    }
    /// The public name clients send as `model`.
    public var modelName: String {
        get { fields.modelName }
        _modify { yield &fields.modelName }
    }
    /// The provider prefix of `litellm_params.model` (`openai`, `anthropic`, `fake`, ...).
    public var provider: String {
        get { fields.provider }
        _modify { yield &fields.provider }
    }
    /// The model name the upstream expects (the part after the provider prefix).
    public var upstreamModel: String {
        get { fields.upstreamModel }
        _modify { yield &fields.upstreamModel }
    }
    /// `litellm_params.api_base`; nil uses the provider's default.
    public var apiBase: String? {
        get { fields.apiBase }
        _modify { yield &fields.apiBase }
    }
    /// `litellm_params.api_key`, already resolved from `os.environ/NAME`. Never logged.
    public var apiKey: String? {
        get { fields.apiKey }
        _modify { yield &fields.apiKey }
    }
    /// Whole-call timeout in seconds.
    public var timeout: Double {
        get { fields.timeout }
        _modify { yield &fields.timeout }
    }
    /// `litellm_params.stream_timeout`: seconds a streamed call may take to deliver its first chunk; nil uses
    /// ``timeout``.
    public var streamTimeout: Double? {
        get { fields.streamTimeout }
        _modify { yield &fields.streamTimeout }
    }
    public var rpm: Int? {
        get { fields.rpm }
        _modify { yield &fields.rpm }
    }
    public var tpm: Int? {
        get { fields.tpm }
        _modify { yield &fields.tpm }
    }
    public var weight: Double {
        get { fields.weight }
        _modify { yield &fields.weight }
    }
    /// Lower runs first; nil after every ordered deployment.
    public var order: Int? {
        get { fields.order }
        _modify { yield &fields.order }
    }
    public var accessGroups: [String] {
        get { fields.accessGroups }
        _modify { yield &fields.accessGroups }
    }
    /// `model_info` as written, for plugins that read their own fields.
    public var modelInfo: JSON {
        get { fields.modelInfo }
        _modify { yield &fields.modelInfo }
    }
    /// Other `litellm_params` as configured; those that are request parameters (``upstreamDefaults``: `temperature`,
    /// `max_tokens`, ...) are merged into the upstream body when the client omits them, the rest never reach it.
    public var extraParams: [String: JSON] {
        get { fields.extraParams }
        _modify { yield &fields.extraParams }
    }
    /// Cost in USD per input and per output token (`model_info.input_cost_per_token`, `output_cost_per_token`).
    public var inputCostPerToken: Double {
        get { fields.inputCostPerToken }
        _modify { yield &fields.inputCostPerToken }
    }
    public var outputCostPerToken: Double {
        get { fields.outputCostPerToken }
        _modify { yield &fields.outputCostPerToken }
    }
    /// USD per cached input token read (`cache_read_input_token_cost`); nil bills cache reads at ``inputCostPerToken``.
    public var cacheReadCostPerToken: Double? {
        get { fields.cacheReadCostPerToken }
        _modify { yield &fields.cacheReadCostPerToken }
    }
    /// USD per input token written to the prompt cache (`cache_creation_input_token_cost`); nil bills cache writes at
    /// ``inputCostPerToken``.
    public var cacheWriteCostPerToken: Double? {
        get { fields.cacheWriteCostPerToken }
        _modify { yield &fields.cacheWriteCostPerToken }
    }
    /// USD per reasoning output token (`output_cost_per_reasoning_token`); nil bills reasoning at ``outputCostPerToken``.
    public var reasoningCostPerToken: Double? {
        get { fields.reasoningCostPerToken }
        _modify { yield &fields.reasoningCostPerToken }
    }
    /// USD per rerank query, Cohere's search unit (LiteLLM's `input_cost_per_query`); nil prices rerank calls by
    /// their tokens alone.
    public var costPerQuery: Double? {
        get { fields.costPerQuery }
        _modify { yield &fields.costPerQuery }
    }
    /// Where the costs came from: configured, the bundled table, or unknown (cost 0).
    public var pricing: PriceSource {
        get { fields.pricing }
        _modify { yield &fields.pricing }
    }
    /// Input plus output tokens the model accepts (`model_info.max_tokens`, else the bundled table), when known.
    public var contextWindow: Int? {
        get { fields.contextWindow }
        _modify { yield &fields.contextWindow }
    }
    /// `litellm_params.max_parallel_requests`: upstream calls in flight at once; nil uses the router's default
    /// (``RouterSettings/defaultMaxParallelRequests``).
    public var maxParallelRequests: Int? {
        get { fields.maxParallelRequests }
        _modify { yield &fields.maxParallelRequests }
    }
    /// `litellm_params.num_retries` (or LiteLLM's `max_retries`): retries of this deployment's group; nil uses
    /// `router_settings.num_retries`.
    public var numRetries: Int? {
        get { fields.numRetries }
        _modify { yield &fields.numRetries }
    }

    public init(
        id: String, modelName: String, provider: String, upstreamModel: String, apiBase: String? = nil, apiKey: String? = nil,
        timeout: Double = 600, streamTimeout: Double? = nil, rpm: Int? = nil, tpm: Int? = nil, weight: Double = 1, order: Int? = nil,
        accessGroups: [String] = [],
        modelInfo: JSON = .object([:]), extraParams: [String: JSON] = [:], inputCostPerToken: Double = 0, outputCostPerToken: Double = 0,
        pricing: PriceSource = .configured, contextWindow: Int? = nil, cacheReadCostPerToken: Double? = nil, cacheWriteCostPerToken: Double? = nil,
        reasoningCostPerToken: Double? = nil
    ) {
        _fields = CopiedOnWrite(
            wrappedValue: Fields(
                id: id, modelName: modelName, provider: provider, upstreamModel: upstreamModel, apiBase: apiBase, apiKey: apiKey, timeout: timeout,
                streamTimeout: streamTimeout, rpm: rpm, tpm: tpm, weight: weight, order: order, accessGroups: accessGroups, modelInfo: modelInfo,
                extraParams: extraParams, inputCostPerToken: inputCostPerToken, outputCostPerToken: outputCostPerToken,
                cacheReadCostPerToken: cacheReadCostPerToken, cacheWriteCostPerToken: cacheWriteCostPerToken,
                reasoningCostPerToken: reasoningCostPerToken, costPerQuery: nil, pricing: pricing, contextWindow: contextWindow,
                maxParallelRequests: nil, numRetries: nil))
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
