import Synchronization

/// Upstream calls in flight per deployment, against its `max_parallel_requests` (else the router's default), so
/// that a deployment whose upstream hangs holds at most its own share of the gateway's requests and connections:
/// past it, the attempt loop goes to a sibling deployment, or answers 429 at once.
///
/// A slot is taken before an attempt starts and given back when the routing hooks hear how it ended
/// (``PipelineRunner/recordRouting(_:outcome:)``: a stream's end, an error, or the client leaving), so the two are
/// paired exactly. The lock is held for a dictionary update only, never across an await.
final class DeploymentSlots: Sendable {
    private let defaultLimit: Int?
    private let inFlight = Mutex<[String: Int]>([:])

    init(defaultLimit: Int?) {
        self.defaultLimit = defaultLimit
    }

    /// The cap that applies to `deployment`; nil when none does (nothing is counted).
    func limit(of deployment: Deployment) -> Int? {
        deployment.maxParallelRequests ?? defaultLimit
    }

    /// Takes a slot; false when the deployment is at its cap.
    func acquire(_ deployment: Deployment) -> Bool {
        guard let limit = limit(of: deployment) else { return true }
        return inFlight.withLock { counts in
            let current = counts[deployment.id, default: 0]
            guard current < limit else { return false }
            counts[deployment.id] = current + 1
            return true
        }
    }

    /// Gives back the slot of an attempt that has ended.
    func release(_ deployment: Deployment) {
        guard limit(of: deployment) != nil else { return }
        inFlight.withLock { counts in
            let remaining = counts[deployment.id, default: 0] - 1
            counts[deployment.id] = remaining > 0 ? remaining : nil
        }
    }
}

extension GatewayError {
    /// 429 when every deployment the request could use is at its `max_parallel_requests` (LiteLLM answers 429 for
    /// deployment limits too), with a `retry-after` of one second: slots free up as calls end.
    static func deploymentsAtCapacity(_ group: String) -> GatewayError {
        var error = GatewayError.rateLimited(
            "Every deployment of '\(group)' is at its limit of requests in flight (max_parallel_requests); retry shortly.")
        error.retryAfter = 1
        return error
    }
}
