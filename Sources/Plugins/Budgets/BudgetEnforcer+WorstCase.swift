import GatewayCore

/// What a request can cost at worst, before it is sent: its ``CostCeiling`` on each deployment it can reach, the most
/// expensive one taken (routing picks later, and a fallback may answer instead).
extension BudgetEnforcer {
    /// The request's worst-case cost in units; nil when every deployment it can reach costs nothing (no budget can
    /// stop a free model, as in LiteLLM; rate limits still apply). Reads memory only.
    func worstCase(of request: GatewayRequest) -> Int64? {
        let deployments = reachableDeployments(for: request)
        if !deployments.isEmpty, deployments.allSatisfy({ $0.inputCostPerToken == 0 && $0.outputCostPerToken == 0 && ($0.costPerQuery ?? 0) == 0 }) {
            return nil
        }
        let ceiling = CostCeiling(body: request.body, operation: request.endpoint.operation)
        let usd = deployments.reduce(0.0) { worst, deployment in
            max(worst, ceiling.cost(on: deployment, outputLimit: outputLimits.limit(of: deployment), defaultOutputTokens: defaultOutputTokens))
        }
        // Rounded as costs are (so a budget of exactly one worst case admits one); `Int64.max` for an absurd request.
        return SpendUnits.units(usd)
    }

    /// The deployments a request can be answered by: its model group's for the caller's team, and those of every
    /// fallback group it may reach (config.yaml's `router_settings` fallbacks of every kind, followed through nested
    /// fallbacks, or the request's own `fallbacks` in place of the requested group's generic ones), skipping groups the
    /// caller may not use, as the attempt loop does. Empty for an unknown model (the request gets a 404 later).
    func reachableDeployments(for request: GatewayRequest) -> [Deployment] {
        guard let primary = request.model else { return [] }
        let catalog = models.catalog
        let principal = request.principal
        var reachable = catalog.deployments(for: primary, teamID: principal.teamID)
        guard routerSettings.maxFallbacks > 0 else { return reachable }
        let requestFallbacks = Self.requestFallbacks(request.body["fallbacks"])
        var pending = [primary]
        var seen: Set<String> = [primary]
        while let group = pending.popLast() {
            let configured = routerSettings.fallbacks(for: group, after: .retryable)
            let generic = group == primary ? requestFallbacks ?? configured : configured
            let targets =
                generic + routerSettings.fallbacks(for: group, after: .contextWindow) + routerSettings.fallbacks(for: group, after: .contentPolicy)
            for target in targets where seen.insert(target).inserted {
                let deployments = catalog.deployments(for: target, teamID: principal.teamID)
                guard !deployments.isEmpty,
                    ModelAccessPolicy.allows(principal.allowedModels, model: target, deployments: deployments, groups: AccessGroupGraph())
                else { continue }
                reachable += deployments
                pending.append(target)
            }
        }
        return reachable
    }

    /// The body's `fallbacks` as the attempt loop reads them (names, or `{"model": name}`); nil when absent or
    /// malformed (the pipeline refuses a malformed list with a 400 before any call).
    private static func requestFallbacks(_ value: JSON?) -> [String]? {
        guard let entries = value?.arrayValue else { return nil }
        return entries.compactMap { $0.stringValue ?? $0["model"]?.stringValue }
    }
}
