public import GatewayCore

/// The post-call half (beyond LiteLLM, which checks only the request): rejects a model answer that calls a tool
/// the caller may not use.
///
/// The request check alone leaves a gap: a model may call a tool that was never offered (a hallucinated name, a
/// tool remembered from earlier messages, a deployment with server-side tools), and the client would run it.
/// Both the complete response and each streamed chunk are checked; a stream ends with an error event at the
/// first chunk that starts a disallowed call, before that chunk reaches the client. Nothing is kept between
/// chunks: tool names arrive whole in the first delta of each call. Spend and logs are committed by the runner
/// either way, since the upstream call was made.
public struct ResponseToolCheck: GuardrailHook {
    public init() {}

    /// Requests are the ``RequestToolCheck``'s job.
    public func preCall(_ request: inout GatewayRequest) async throws -> HookDecision { .proceed }

    /// - Throws: ``ToolAccessDenied`` (403) when `response` calls a tool outside the caller's list.
    public func postCall(_ request: GatewayRequest, response: inout JSON) async throws {
        try check(ToolNames.calledInResponse(response), principal: request.principal)
    }

    /// - Returns: the chunk, unchanged.
    /// - Throws: ``ToolAccessDenied`` when the chunk starts a call to a tool outside the caller's list.
    public func inspectChunk(_ request: GatewayRequest, chunk: StreamChunk) async throws -> StreamChunk? {
        // Most chunks call no tool: one whose text names neither field is not parsed.
        guard chunk.mayHaveMember(named: "tool_calls") || chunk.mayHaveMember(named: "function_call") else { return chunk }
        try check(ToolNames.calledInChunk(chunk.json), principal: request.principal)
        return chunk
    }

    private func check(_ called: [String], principal: Principal) throws {
        // Names first: most chunks call nothing, and then the allowlist is not even read.
        guard !called.isEmpty, let allowlist = EffectiveAllowlist.of(principal) else { return }
        let disallowed = allowlist.disallowed(called)
        guard disallowed.isEmpty else { throw ToolAccessDenied.error(disallowed, origin: .response, source: allowlist.source) }
    }
}
