/// The default choice among candidate deployments when no routing plugin is enabled (LiteLLM's `simple-shuffle`):
/// a weighted random pick among the candidates with the lowest `order`. Weight is `weight` (default 1); every
/// candidate keeps a chance, so sibling deployments of one model all receive traffic.
public enum SimpleShuffle {
    /// Picks one candidate.
    /// - Parameters:
    ///   - candidates: ordered as ``ModelCatalog`` orders them (lowest `order` first); must not be empty.
    ///   - random: a number in `0..<1` (tests pass their own).
    public static func pick(_ candidates: [Deployment], random: Double = FastRandom.unit()) -> Deployment {
        guard candidates.count > 1 else { return candidates[0] }
        let best = candidates[0].order
        let tier = candidates.prefix { $0.order == best }
        let total = tier.reduce(0) { $0 + max($1.weight, 0) }
        guard total > 0 else { return tier[tier.startIndex + Int(random * Double(tier.count))] }
        var remaining = random * total
        for candidate in tier {
            remaining -= max(candidate.weight, 0)
            if remaining < 0 { return candidate }
        }
        return tier[tier.endIndex - 1]
    }
}
