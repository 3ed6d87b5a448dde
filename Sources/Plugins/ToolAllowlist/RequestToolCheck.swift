public import GatewayCore

/// The pre-call half: rejects a request that offers (or forces) a tool its key or team may not use.
///
/// Runs at the tool-allowlist hook point, after auth filled the principal and budget reserved; a rejection there
/// still commits the reservation and logs the request (the runner's error path), and no upstream is called.
public struct RequestToolCheck: ToolAllowlistHook {
    public init() {}

    /// - Returns: `.proceed` when the request names no tool, no list applies, or every tool is on it.
    /// - Throws: ``ToolAccessDenied`` (403) naming every disallowed tool.
    public func checkTools(_ request: GatewayRequest) async throws -> HookDecision {
        // Built-in tools a native Responses request offers (web_search, mcp, ...) count by name like function tools.
        let requested = ToolNames.inRequest(request.body) + request.view.hostedTools.compactMap(RequestView.hostedToolName)
        guard !requested.isEmpty, let allowlist = EffectiveAllowlist.of(request.principal) else { return .proceed }
        let disallowed = allowlist.disallowed(requested)
        guard disallowed.isEmpty else { throw ToolAccessDenied.error(disallowed, origin: .request, source: allowlist.source) }
        return .proceed
    }
}
