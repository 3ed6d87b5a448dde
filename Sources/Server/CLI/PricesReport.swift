import GatewayCore

/// The text `tollgate prices` prints for one model: each `model_list` deployment of that name with where its prices
/// came from, else the model looked up as a `provider/model` or bare name.
struct PricesReport {
    let model: String
    let config: GatewayConfig

    /// False when the model is neither a model name of the config nor priced by any table (the command exits 1).
    var found: Bool { !deployments.isEmpty || config.prices.resolve(model: split.model, provider: split.provider) != nil }

    private var deployments: [Deployment] { config.deployments.filter { $0.modelName == model } }

    /// `provider/model` → (`provider`, `model`); a bare name has no provider.
    private var split: (provider: String?, model: String) {
        guard let slash = model.firstIndex(of: "/") else { return (nil, model) }
        return (String(model[..<slash]), String(model[model.index(after: slash)...]))
    }

    var text: String {
        var lines = ["price map: \(config.prices.map.count) models"]
        if deployments.isEmpty {
            lines += lookup(model: split.model, provider: split.provider)
        } else {
            lines.append("model_list '\(model)': \(deployments.count) deployment\(deployments.count == 1 ? "" : "s")")
            for deployment in deployments { lines += describe(deployment) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One deployment: what it is looked up as, what matched, its effective prices (its own where it sets them).
    private func describe(_ deployment: Deployment) -> [String] {
        let priced = Deployment.pricedModel(
            provider: deployment.provider, upstreamModel: deployment.upstreamModel, modelInfo: deployment.modelInfo,
            params: .object(deployment.extraParams))
        var lines = ["", "deployment \(deployment.id): \(deployment.provider)/\(deployment.upstreamModel)"]
        if (priced.provider, priced.model) != (deployment.provider, deployment.upstreamModel) {
            lines.append("  base_model: \(priced.provider)/\(priced.model)")
        }
        let resolution = config.prices.resolve(model: priced.model, provider: priced.provider)
        lines.append("  looked up as: \(PriceTable.lookupNames(model: priced.model, provider: priced.provider).joined(separator: ", "))")
        switch deployment.pricing {
        case .configured:
            lines.append("  source: the deployment's own prices (litellm_params / model_info); unset ones from \(Self.name(of: resolution))")
        case .unknown:
            lines.append("  source: none: \(PriceSource.unknownPriceWarning)")
        case .configFile, .bundled:
            lines.append("  source: \(Self.name(of: resolution))")
        }
        lines += Self.priceLines([
            ("input_cost_per_token", deployment.inputCostPerToken), ("output_cost_per_token", deployment.outputCostPerToken),
            ("cache_read_input_token_cost", deployment.cacheReadCostPerToken),
            ("cache_creation_input_token_cost", deployment.cacheWriteCostPerToken),
            ("output_cost_per_reasoning_token", deployment.reasoningCostPerToken), ("input_cost_per_query", deployment.costPerQuery),
        ])
        if let price = resolution?.price {
            lines += Self.priceLines(
                [PriceMap.Field.imageIn, .imageOut, .secondIn, .secondOut].map { ($0.litellmName, $0.value(in: price)) }, suffix: " (listed)")
        }
        lines.append("  context window: \(deployment.contextWindow.map(String.init) ?? "unknown")")
        lines.append("  max output tokens: \(deployment.outputLimit(prices: config.prices).map(String.init) ?? "unknown")")
        return lines
    }

    /// A model not in the model list: the table's resolution.
    private func lookup(model: String, provider: String?) -> [String] {
        var lines = [
            "", "model \(self.model)", "  looked up as: \(PriceTable.lookupNames(model: model, provider: provider).joined(separator: ", "))",
        ]
        guard let resolution = config.prices.resolve(model: model, provider: provider) else {
            lines.append("  source: none: \(PriceSource.unknownPriceWarning)")
            return lines
        }
        lines.append("  source: \(Self.name(of: resolution))")
        lines += Self.priceLines(PriceMap.Field.prices.map { ($0.litellmName, $0.value(in: resolution.price)) })
        lines.append("  context window: \(resolution.price.contextWindow.map(String.init) ?? "unknown")")
        lines.append("  max output tokens: \(resolution.price.maxOutputTokens.map(String.init) ?? "unknown")")
        return lines
    }

    /// `the price map, key 'gpt-4o' (exact; provider openai, mode chat)`.
    private static func name(of resolution: PriceTable.Resolution?) -> String {
        guard let resolution else { return "no table (0)" }
        let table = resolution.source == .configFile ? "config.yaml model_prices" : "the price map"
        var detail = [resolution.exact ? "exact" : "family of '\(resolution.name)'"]
        if let entry = resolution.entry {
            detail.append("provider \(entry.provider)")
            if !entry.mode.isEmpty { detail.append("mode \(entry.mode)") }
        }
        return "\(table), key '\(resolution.key)' (\(detail.joined(separator: "; ")))"
    }

    /// `  input_cost_per_token: 2.5e-06 (2.5 per million)` for each set price.
    private static func priceLines(_ prices: [(String, Double?)], suffix: String = "") -> [String] {
        prices.compactMap { name, value in
            guard let value else { return nil }
            let perMillion = name.hasSuffix("_token") || name.hasSuffix("_token_cost") ? " (\(value * 1_000_000) per million)" : ""
            return "  \(name): \(value)\(perMillion)\(suffix)"
        }
    }
}
