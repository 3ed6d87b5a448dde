import Foundation
import GatewayCore

/// LiteLLM's `simple-shuffle` as a full ordering: a weighted random permutation, so the first candidate is a
/// weighted pick and, on a retry, the next untried one is a weighted pick among the rest.
///
/// The weight is `weight` when the candidates' weights differ (every deployment has 1 unless configured), else
/// `rpm` when any candidate sets it, else `tpm`, else every candidate weighs the same. A candidate of weight 0
/// (no `rpm` while others set one) comes after every weighted one, in random order: it is still tried last.
///
/// Sampling without replacement by Efraimidis–Spirakis keys: each candidate draws `u` in (0, 1) and sorts by
/// `u^(1/w)`, highest first; the first is chosen with probability `w / Σw`.
enum WeightedShuffle {
    static func order(_ candidates: [Deployment], using random: inout some RandomNumberGenerator) -> [Deployment] {
        guard candidates.count > 1 else { return candidates }
        let weights = self.weights(of: candidates)
        let keyed = candidates.indices.map { index -> (key: Double, deployment: Deployment) in
            let weight = weights[index]
            let draw = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &random)
            // log(u)/w keeps the order of u^(1/w) without underflow; weight 0 sorts below every weighted key.
            let key = weight > 0 ? log(draw) / weight : -Double.infinity
            return (key, candidates[index])
        }
        // Candidates of weight 0 all share -inf; a second draw orders them randomly among themselves.
        let tiebreak = keyed.map { _ in UInt64.random(in: .min ... .max, using: &random) }
        return keyed.indices.sorted { lhs, rhs in
            keyed[lhs].key != keyed[rhs].key ? keyed[lhs].key > keyed[rhs].key : tiebreak[lhs] < tiebreak[rhs]
        }.map { keyed[$0].deployment }
    }

    /// The weight of each candidate, by the first rule that distinguishes them.
    static func weights(of candidates: [Deployment]) -> [Double] {
        let configured = candidates.map { $0.weight.isFinite ? max($0.weight, 0) : 0 }
        if Set(configured).count > 1 { return configured }
        if candidates.contains(where: { $0.rpm != nil }) { return candidates.map { Double(max($0.rpm ?? 0, 0)) } }
        if candidates.contains(where: { $0.tpm != nil }) { return candidates.map { Double(max($0.tpm ?? 0, 0)) } }
        return candidates.map { _ in 1 }
    }
}
