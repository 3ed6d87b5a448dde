import GatewayCore

extension RoutingStrategy {
    /// Orders the candidates best-first. Priority tiers stay as they are (every deployment of the lowest `order`
    /// before the next `order`, as LiteLLM routes within the lowest order first); the strategy orders each tier.
    /// Ties are broken at random, so equal deployments share the traffic instead of the first always winning.
    /// - Complexity: O(n log n) in the candidates; reads only their entries of `load`.
    func order(_ candidates: [Deployment], load: DeploymentLoad, now: Double, random: inout some RandomNumberGenerator) -> [Deployment] {
        guard candidates.count > 1 else { return candidates }
        var tiers: [Int: [Deployment]] = [:]
        for candidate in candidates { tiers[candidate.order ?? Int.max, default: []].append(candidate) }
        return tiers.keys.sorted().flatMap { orderTier(tiers[$0] ?? [], load: load, now: now, random: &random) }
    }

    private func orderTier(_ tier: [Deployment], load: DeploymentLoad, now: Double, random: inout some RandomNumberGenerator) -> [Deployment] {
        switch self {
        case .simpleShuffle:
            return WeightedShuffle.order(tier, using: &random)
        case .leastBusy:
            return Self.sorted(tier, random: &random) { (Double(load.inFlight($0.id)), 0) }
        case .latencyBased:
            // Unmeasured deployments first (-1 sorts below every latency), so each gets measured.
            return Self.sorted(tier, random: &random) { (load.averageLatency($0.id) ?? -1, 0) }
        case .usageBased:
            return Self.sorted(tier, random: &random) { deployment in
                let used = load.usage(deployment.id, at: now)
                return (-Self.headroom(deployment, requests: used.requests, tokens: used.tokens), Double(used.tokens))
            }
        case .costBased:
            return Self.sorted(tier, random: &random) { ($0.inputCostPerToken + $0.outputCostPerToken, 0) }
        }
    }

    /// The fraction of the deployment's `rpm` and `tpm` left this minute, the smaller of the two; 1 without limits,
    /// 0 or below when used up.
    static func headroom(_ deployment: Deployment, requests: Int, tokens: Int) -> Double {
        var left = 1.0
        if let rpm = deployment.rpm { left = min(left, rpm > 0 ? Double(rpm - requests) / Double(rpm) : 0) }
        if let tpm = deployment.tpm { left = min(left, tpm > 0 ? Double(tpm - tokens) / Double(tpm) : 0) }
        return left
    }

    /// Sorts ascending by `key`, breaking ties with a random draw per candidate.
    private static func sorted(
        _ tier: [Deployment], random: inout some RandomNumberGenerator, by key: (Deployment) -> (Double, Double)
    ) -> [Deployment] {
        let keyed = tier.map { (key: key($0), draw: UInt64.random(in: .min ... .max, using: &random), deployment: $0) }
        return keyed.sorted { lhs, rhs in
            lhs.key != rhs.key ? lhs.key < rhs.key : lhs.draw < rhs.draw
        }.map(\.deployment)
    }
}
