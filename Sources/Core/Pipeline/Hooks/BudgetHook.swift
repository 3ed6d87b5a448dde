/// Enforces budgets and rate limits: reserves before the upstream call, commits the real cost after it.
///
/// `reserve` runs after auth, in plugins.json order; throwing a ``GatewayError`` (400 budget exceeded, 429 rate
/// limit) rejects the request. `commit` runs exactly once for every request whose `reserve` returned, in reverse
/// order, after the last streamed chunk or on the error path, so reservations are always released.
public protocol BudgetHook: PipelineHook {
    /// Checks limits and reserves capacity for this request.
    func reserve(_ request: GatewayRequest) async throws -> HookDecision

    /// Records the outcome; releases what `reserve` held. Defaults to doing nothing.
    func commit(_ request: GatewayRequest, outcome: CallOutcome) async
}

extension BudgetHook {
    public func commit(_ request: GatewayRequest, outcome: CallOutcome) async {}
}

/// How a call ended, for budget commits and logs.
public struct CallOutcome: Sendable {
    /// The deployment that answered (or the last one tried); nil if the request never reached routing.
    public var deployment: Deployment?
    /// Token usage reported by the upstream, when known.
    public var usage: Usage?
    /// Cost in USD from the deployment's prices.
    public var cost: Double
    /// The error the client saw, nil on success.
    public var error: GatewayError?
    /// From the start of the call to the deployment until its complete answer (or its last chunk), when it answered.
    public var latency: Duration?
    /// For a stream: from the start of the call until its first chunk.
    public var timeToFirstToken: Duration?
    /// Seconds the upstream asked to wait (`retry-after` of a 429 or 503), when it said.
    public var retryAfter: Double?
    /// Calls made to deployments for this request (1 without retries or fallbacks).
    public var attempts: Int = 1
    /// The `id` of the answer the client received (`chatcmpl-…`; `msg_…` on `/v1/messages`), when the upstream gave
    /// one of at most ``maxResponseIDLength`` characters: taken from the complete body, or from a stream's first chunk
    /// that carries one.
    public var responseID: String?

    /// The longest response id kept: a longer one (no provider sends such) is dropped rather than stored.
    public static let maxResponseIDLength = 256

    public init(deployment: Deployment? = nil, usage: Usage? = nil, cost: Double = 0, error: GatewayError? = nil) {
        self.deployment = deployment
        self.usage = usage
        self.cost = cost
        self.error = error
    }

    public var succeeded: Bool { error == nil }
}
