import GatewayCore

extension RoutingStrategy {
    /// Orders the candidates best-first. Priority tiers stay as they are (every deployment of the lowest `order`
    /// before the next `order`, as LiteLLM routes within the lowest order first); the strategy orders each tier.
    /// Ties are broken at random, so equal deployments share the traffic instead of the first always winning.
    /// - Complexity: O(n log n) in the candidates; reads only their entries of `load`.
    /// - Parameter latencyBuffer: latency-based only: deployments within this fraction of the fastest count as
    ///   equally fast and share the traffic (`routing_strategy_args.lowest_latency_buffer`).
    func order(
        _ candidates: [Deployment], load: DeploymentLoad, now: Double, latencyBuffer: Double = 0, random: inout some RandomNumberGenerator
    ) -> [Deployment] {
        guard candidates.count > 1 else { return candidates }
        var tiers: [Int: [Deployment]] = [:]
        for candidate in candidates { tiers[candidate.order ?? Int.max, default: []].append(candidate) }
        return tiers.keys.sorted().flatMap {
            orderTier(tiers[$0] ?? [], load: load, now: now, latencyBuffer: latencyBuffer, random: &random)
        }
    }

    private func orderTier(
        _ tier: [Deployment], load: DeploymentLoad, now: Double, latencyBuffer: Double, random: inout some RandomNumberGenerator
    ) -> [Deployment] {
        switch self {
        case .simpleShuffle:
            return WeightedShuffle.order(tier, using: &random)
        case .leastBusy:
            return Self.sorted(tier, random: &random) { (Double(load.inFlight($0.id)), 0) }
        case .latencyBased:
            let fastest = tier.compactMap { load.averageLatency($0.id, at: now) }.min() ?? 0
            return Self.sorted(tier, random: &random) { deployment in
                // Unmeasured (or expired) deployments first (-1 sorts below every latency), so each gets measured;
                // those within the buffer of the fastest count as the fastest.
                guard let latency = load.averageLatency(deployment.id, at: now) else { return (-1, 0) }
                return (latency <= fastest * (1 + latencyBuffer) ? fastest : latency, 0)
            }
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
