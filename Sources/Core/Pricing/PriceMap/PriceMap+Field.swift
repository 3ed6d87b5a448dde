extension PriceMap {
    /// One figure of a model's price or limits: its column in our rows, its name in LiteLLM's JSON (and in a
    /// deployment's `litellm_params` / `model_info` and config.yaml's `model_prices`), and where it goes in a
    /// ``ModelPrice``. scripts/update-price-map writes the same columns from the same LiteLLM names.
    public enum Field: String, CaseIterable, Sendable {
        case input, output
        case cacheRead = "cache_read"
        case cacheWrite = "cache_write"
        case reasoning
        case imageIn = "image_in"
        case imageOut = "image_out"
        case secondIn = "second_in"
        case secondOut = "second_out"
        case query
        case context
        case maxOutput = "max_output"

        /// The column name in our rows.
        public var column: String { rawValue }

        /// LiteLLM's name of the figure.
        public var litellmName: String {
            switch self {
            case .input: "input_cost_per_token"
            case .output: "output_cost_per_token"
            case .cacheRead: "cache_read_input_token_cost"
            case .cacheWrite: "cache_creation_input_token_cost"
            case .reasoning: "output_cost_per_reasoning_token"
            case .imageIn: "input_cost_per_image"
            case .imageOut: "output_cost_per_image"
            case .secondIn: "input_cost_per_second"
            case .secondOut: "output_cost_per_second"
            case .query: "input_cost_per_query"
            case .context: "max_input_tokens"
            case .maxOutput: "max_output_tokens"
            }
        }

        /// True for the token counts (``context``, ``maxOutput``), false for the prices.
        public var isLimit: Bool { self == .context || self == .maxOutput }

        /// The prices (every field but the limits).
        public static let prices = allCases.filter { !$0.isLimit }

        /// `value` when it is in range: a price finite from 0 to ``InputRange/maxCostPerToken`` (USD per token, image,
        /// second or query); a limit finite and at least 0, clamped to ``InputRange/maxTokens`` before it becomes an Int.
        public func checked(_ value: Double) -> Double? {
            guard value.isFinite, value >= 0 else { return nil }
            if isLimit { return min(value, Double(InputRange.maxTokens)) }
            return value <= InputRange.maxCostPerToken ? value : nil
        }

        /// Sets the figure on `price`; `value` must have passed ``checked(_:)``.
        public func set(_ value: Double, on price: inout ModelPrice) {
            switch self {
            case .input: price.inputPerToken = value
            case .output: price.outputPerToken = value
            case .cacheRead: price.cacheReadPerToken = value
            case .cacheWrite: price.cacheWritePerToken = value
            case .reasoning: price.reasoningPerToken = value
            case .imageIn: price.inputPerImage = value
            case .imageOut: price.outputPerImage = value
            case .secondIn: price.inputPerSecond = value
            case .secondOut: price.outputPerSecond = value
            case .query: price.perQuery = value
            case .context: price.contextWindow = Int(value)
            case .maxOutput: price.maxOutputTokens = Int(value)
            }
        }

        /// The figure on `price`, nil when unset (the input and output prices are always set).
        public func value(in price: ModelPrice) -> Double? {
            switch self {
            case .input: price.inputPerToken
            case .output: price.outputPerToken
            case .cacheRead: price.cacheReadPerToken
            case .cacheWrite: price.cacheWritePerToken
            case .reasoning: price.reasoningPerToken
            case .imageIn: price.inputPerImage
            case .imageOut: price.outputPerImage
            case .secondIn: price.inputPerSecond
            case .secondOut: price.outputPerSecond
            case .query: price.perQuery
            case .context: price.contextWindow.map(Double.init)
            case .maxOutput: price.maxOutputTokens.map(Double.init)
            }
        }
    }
}
