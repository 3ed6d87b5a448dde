extension Deployment {
    /// The most tokens the deployment's model writes in one answer: `model_info.max_output_tokens`, else the price
    /// tables' (config.yaml's `model_prices`, then the price map); nil when neither knows.
    /// - Parameter prices: config.yaml's `model_prices` over the price map.
    public func outputLimit(prices: PriceTable) -> Int? {
        if let own = modelInfo["max_output_tokens"]?.intValue, own > 0 { return own }
        let priced = Self.pricedModel(provider: provider, upstreamModel: upstreamModel, modelInfo: modelInfo, params: .object(extraParams))
        return prices.price(of: priced.model, provider: priced.provider)?.price.maxOutputTokens
    }

    /// The `max_tokens` this deployment adds to a request that names none (`litellm_params.max_tokens` or
    /// `max_completion_tokens`), or for Anthropic the one the gateway must send; nil when the upstream picks.
    var defaultMaxTokens: Int? {
        let configured = [extraParams["max_completion_tokens"], extraParams["max_tokens"]].lazy.compactMap { $0?.intValue }.first
        if let configured, configured >= 0 { return configured }
        return provider == "anthropic" ? Dialect.anthropicDefaultMaxTokens : nil
    }
}
