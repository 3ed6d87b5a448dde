/// The hooks of every enabled plugin, sorted once at startup into one array per hook point.
///
/// Pre-call arrays are in plugins.json order; the post-call arrays (guardrail post-call and chunk inspection,
/// budget commit) are stored already reversed, so the runner never sorts or looks anything up per request.
/// A hook object that conforms to several hook protocols appears in each array.
public struct Pipeline: Sendable {
    let auth: [Stage<any AuthHook>]
    let budget: [Stage<any BudgetHook>]
    let toolAllowlist: [Stage<any ToolAllowlistHook>]
    let guardrails: [Stage<any GuardrailHook>]
    let guardrailsReversed: [Stage<any GuardrailHook>]
    let routing: [Stage<any RoutingHook>]
    /// Whether a routing hook orders candidates; without one the runner picks with ``SimpleShuffle``.
    let routingOrders: Bool
    let logging: [Stage<any LoggingHook>]

    /// Sorts hooks into hook points with `as?`, keeping their order.
    public init(hooks: [RegisteredHook]) {
        func stages<Hook>(_ type: Hook.Type) -> [Stage<Hook>] {
            hooks.compactMap { registered in
                (registered.hook as? Hook).map { Stage(hook: $0, pluginID: registered.pluginID, failurePolicy: registered.failurePolicy) }
            }
        }
        auth = stages((any AuthHook).self)
        budget = stages((any BudgetHook).self)
        toolAllowlist = stages((any ToolAllowlistHook).self)
        guardrails = stages((any GuardrailHook).self)
        guardrailsReversed = guardrails.reversed()
        routing = stages((any RoutingHook).self)
        routingOrders = routing.contains { $0.hook.ordersCandidates }
        logging = stages((any LoggingHook).self)
    }

    /// Whether any auth hook is enabled; with none the gateway is open and every caller is anonymous.
    public var hasAuth: Bool { !auth.isEmpty }

    /// Plugin ids per hook point, for the startup log.
    public var summary: [String: [String]] {
        [
            "auth": auth.map(\.pluginID), "budget": budget.map(\.pluginID), "tool_allowlist": toolAllowlist.map(\.pluginID),
            "guardrail": guardrails.map(\.pluginID), "routing": routing.map(\.pluginID), "logging": logging.map(\.pluginID),
        ]
    }
}
