import GatewayCore
import Synchronization

/// The last health check of one deployment.
struct HealthResult: Sendable, Equatable {
    var healthy: Bool
    /// Seconds since 1970 (the router's clock) when the check finished.
    var checkedAt: Double
    /// Why the check failed, without secrets.
    var error: String?
}

/// The latest health result per deployment id, shared by the background checker, the `/health` endpoint and the
/// routing filter.
final class HealthRegistry: Sendable {
    private let results = Mutex<[String: HealthResult]>([:])

    /// Stores a result unless a newer one is already there (a slow `/health` refresh must not overwrite the
    /// background check that finished after it).
    /// - Returns: whether the deployment went down (a first result that fails counts) or came back up; nil when
    ///   its health did not change or the result was older than the stored one.
    @discardableResult
    func store(_ result: HealthResult, for id: String) -> Bool? {
        results.withLock { results in
            let current = results[id]
            if let current, current.checkedAt > result.checkedAt { return nil }
            results[id] = result
            let wasHealthy = current?.healthy ?? true
            return wasHealthy == result.healthy ? nil : result.healthy
        }
    }

    func result(for id: String) -> HealthResult? { results.withLock { $0[id] } }

    /// Forgets deployments no longer in the catalog.
    func retain(only ids: Set<String>) {
        results.withLock { $0 = $0.filter { ids.contains($0.key) } }
    }

    /// The candidates whose last check did not fail within `staleness` seconds of `now`. A stale result is
    /// ignored (the deployment may have recovered and nobody looked); a deployment never checked is kept.
    /// Safety net: when that would leave none, every candidate is returned, since a check that fails for all of
    /// them more likely says the checks are wrong than that no call can succeed.
    func filter(_ candidates: [Deployment], now: Double, staleness: Double) -> [Deployment] {
        let healthy = results.withLock { results in
            candidates.filter { candidate in
                guard let result = results[candidate.id], !result.healthy else { return true }
                return now - result.checkedAt >= staleness
            }
        }
        return healthy.isEmpty ? candidates : healthy
    }
}
