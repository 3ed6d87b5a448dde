/// Checks the tools a request offers the model (`tools`, `functions`) against what the caller may use.
///
/// Runs after budget, in plugins.json order. Throw ``GatewayError/forbidden(_:code:)`` to deny.
public protocol ToolAllowlistHook: PipelineHook {
    func checkTools(_ request: GatewayRequest) async throws -> HookDecision
}
