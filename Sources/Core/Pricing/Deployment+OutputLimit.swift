extension Deployment {
    /// The most tokens the deployment's model writes in one answer: `model_info.max_output_tokens`, else the price
    /// table's (config.yaml's `model_prices`, then the bundled table); nil when neither knows.
    /// - Parameter prices: config.yaml's `model_prices` over the bundled table.
    public func outputLimit(prices: PriceTable) -> Int? {
        if let own = modelInfo["max_output_tokens"]?.intValue, own > 0 { return own }
        return prices.price(of: Self.pricedModel(upstreamModel: upstreamModel, modelInfo: modelInfo, params: .object(extraParams)))?.price
            .maxOutputTokens
    }

    /// The `max_tokens` this deployment adds to a request that names none (`litellm_params.max_tokens` or
    /// `max_completion_tokens`), or for Anthropic the one the gateway must send; nil when the upstream picks.
    var defaultMaxTokens: Int? {
        let configured = [extraParams["max_completion_tokens"], extraParams["max_tokens"]].lazy.compactMap { $0?.intValue }.first
        if let configured, configured >= 0 { return configured }
        return provider == "anthropic" ? Dialect.anthropicDefaultMaxTokens : nil
    }
}
