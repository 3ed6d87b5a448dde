/// Orders the deployments of a model group into the candidates to try.
///
/// Runs after guardrails' `preCall`, in plugins.json order; each hook receives the previous hook's list (the
/// first receives the group in config order, `order` first) and returns the new one: filtered, reordered.
/// An empty result answers 503 "no deployment available". With no routing plugin the gateway tries the
/// group in config order.
public protocol RoutingHook: PipelineHook {
    func route(_ request: GatewayRequest, candidates: [Deployment]) async throws -> [Deployment]

    /// Told how a call to a deployment ended (for cooldowns and health). Defaults to doing nothing.
    func record(_ deployment: Deployment, outcome: CallOutcome) async
}

extension RoutingHook {
    public func record(_ deployment: Deployment, outcome: CallOutcome) async {}
}
