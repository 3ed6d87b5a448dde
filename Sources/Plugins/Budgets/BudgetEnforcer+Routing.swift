import GatewayCore
import Synchronization

/// Deployment `rpm`/`tpm` as a routing filter: it removes deployments whose minute is used up and orders
/// nothing, so the gateway still picks among the rest with SimpleShuffle (or a load-balancing plugin orders them).
extension BudgetEnforcer {
    var ordersCandidates: Bool { false }

    /// Drops deployments with no requests or tokens left this minute.
    /// - Throws: 429 with `retry-after` (to the minute's end) when every candidate is used up.
    func route(_ request: GatewayRequest, candidates: [Deployment]) async throws -> [Deployment] {
        guard candidates.contains(where: { $0.rpm != nil || $0.tpm != nil }) else { return candidates }
        let now = clock()
        let available = state.withLock { state in candidates.filter { state.deployments.hasCapacity($0, at: now) } }
        guard available.isEmpty else { return available }
        let retryAfter = MinuteWindow.secondsToEnd(from: now)
        request.responseHeaders.set(RateLimitHeaders.retryAfter, String(retryAfter))
        throw GatewayError.rateLimited(
            "Rate limit exceeded for model '\(request.model ?? "")': every deployment has used its rpm/tpm for this minute. "
                + "Retry after \(retryAfter) s.")
    }

    /// Counts the call against the deployment's `rpm` when it starts (each attempt, retries included, is a call
    /// the upstream sees). Its tokens are counted in ``commit(_:outcome:)``, which sees the final usage of streams.
    func started(_ deployment: Deployment) async {
        let now = clock()
        state.withLock { $0.deployments.addRequest(deployment, at: now) }
    }
}
