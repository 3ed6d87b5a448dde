/// Orders the deployments of a model group into the candidates to try.
///
/// Runs after guardrails' `preCall`, in plugins.json order; each hook receives the previous hook's list (the
/// first receives the group in config order, `order` first) and returns the new one: filtered, reordered.
/// An empty result answers 503 "no deployment available". The first candidate is called, unless no hook
/// ``ordersCandidates``: then (no routing plugin, or only filters such as deployment rate limits) the gateway
/// picks among what is left with ``SimpleShuffle``.
public protocol RoutingHook: PipelineHook {
    func route(_ request: GatewayRequest, candidates: [Deployment]) async throws -> [Deployment]

    /// Whether the hook orders the candidates (a load-balancing strategy) or only removes some (a filter).
    /// Defaults to true.
    var ordersCandidates: Bool { get }

    /// Told that a call to `deployment` is starting (one attempt of a request; for in-flight counts).
    /// Defaults to doing nothing.
    func started(_ deployment: Deployment) async

    /// Told how one attempt ended, exactly once per ``started(_:)``: for a complete answer or a failure when it
    /// arrives, for a stream when its last chunk has passed (or it failed), with ``CallOutcome/latency``,
    /// ``CallOutcome/timeToFirstToken``, ``CallOutcome/error`` and ``CallOutcome/retryAfter`` filled in.
    /// For cooldowns, latency and health. Defaults to doing nothing.
    func record(_ deployment: Deployment, outcome: CallOutcome) async
}

extension RoutingHook {
    public var ordersCandidates: Bool { true }

    public func started(_ deployment: Deployment) async {}

    public func record(_ deployment: Deployment, outcome: CallOutcome) async {}
}
