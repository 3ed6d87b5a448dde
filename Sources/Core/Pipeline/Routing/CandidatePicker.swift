/// Chooses the deployment of one attempt among the routed candidates of the current level.
///
/// Deployments not yet tried in this request come first (tried ones move to the end, in their order), so a retry
/// goes to a sibling when there is one. Then the first candidate wins when a routing hook ordered them; otherwise
/// ``SimpleShuffle`` picks among the untried ones (LiteLLM's `simple-shuffle`).
public enum CandidatePicker {
    /// - Parameters:
    ///   - candidates: the current level's candidates, as the routing hooks ordered them.
    ///   - tried: ids of deployments already called for this request.
    ///   - ordered: whether a routing hook ordered the candidates.
    ///   - random: for ``SimpleShuffle`` (tests pass their own).
    /// - Returns: nil when there is no candidate.
    public static func pick(_ candidates: [Deployment], tried: Set<String>, ordered: Bool, random: Double = FastRandom.unit())
        -> Deployment?
    {
        let untried = candidates.filter { !tried.contains($0.id) }
        let pool = untried.isEmpty ? candidates : untried
        guard let first = pool.first else { return nil }
        return ordered ? first : SimpleShuffle.pick(pool, random: random)
    }
}
