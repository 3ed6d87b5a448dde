/// How the candidates of a model group are ordered (LiteLLM's `router_settings.routing_strategy`).
public enum RoutingStrategy: String, Sendable, Hashable, CaseIterable {
    /// Weighted random: by `weight`, else `rpm`, else `tpm`, else uniform.
    case simpleShuffle = "simple-shuffle"
    /// Fewest calls in flight first.
    case leastBusy = "least-busy"
    /// Lowest moving average of latency (time to first token for streams) first; unmeasured deployments first of all.
    case latencyBased = "latency-based"
    /// Most headroom against `rpm`/`tpm` in the current minute first.
    case usageBased = "usage-based"
    /// Cheapest `input_cost_per_token + output_cost_per_token` first.
    case costBased = "cost-based"

    /// Reads a strategy name: ours, or LiteLLM's longer spellings (`latency-based-routing`, `usage-based-routing-v2`).
    init?(name: String) {
        switch name {
        case "simple-shuffle": self = .simpleShuffle
        case "least-busy": self = .leastBusy
        case "latency-based", "latency-based-routing": self = .latencyBased
        case "usage-based", "usage-based-routing", "usage-based-routing-v2": self = .usageBased
        case "cost-based", "cost-based-routing": self = .costBased
        default: return nil
        }
    }
}
