public import Tracing

/// The parts of the pipeline a plugin's own endpoint (``PluginHTTPRoute``) runs for traffic that is not an LLM call,
/// such as the MCP gateway's tool calls: the guardrail hooks on content, the logging hooks, the tracer.
extension PipelineRunner {
    /// Runs the guardrail hooks' pre-call part on `request`, in plugins.json order, as for an LLM request: a hook may
    /// mask the texts of `request.body` (chat-shaped: `messages` with string `content`) or throw to refuse it.
    /// - Throws: a guardrail's ``GatewayError`` (blocked), or a plugin failure under `on_error: deny`.
    /// - Returns: false when a hook answered in place of the upstream (``HookDecision/respond(_:)``), which a caller
    ///   outside the LLM path treats as a refusal.
    public func guardContent(_ request: inout GatewayRequest) async throws -> Bool {
        for stage in pipeline.guardrails {
            var changed = request
            let decision = try await stage.run(
                .guardrailPreCall, recorder: request.recorder, logger: logger, fallback: .proceed, decision: \.timelineDecision
            ) { try await $0.preCall(&changed) }
            request = changed
            if case .respond = decision { return false }
        }
        return true
    }

    /// Runs the guardrail hooks' post-call part on `response` (chat-completion shaped: `choices[].message.content`),
    /// in reverse plugins.json order; `request` is the one ``guardContent(_:)`` saw.
    /// - Throws: a guardrail's ``GatewayError`` (blocked), or a plugin failure under `on_error: deny`.
    public func guardAnswer(_ request: GatewayRequest, response: inout JSON) async throws {
        for stage in pipeline.guardrailsReversed {
            var changed = response
            try await stage.run(.guardrailPostCall, recorder: request.recorder, logger: logger, fallback: ()) {
                try await $0.postCall(request, response: &changed)
            }
            response = changed
        }
    }

    /// Hands a finished call's event to the logging hooks (spend log, metrics, callbacks), off the request path.
    public func log(_ event: RequestLogEvent) {
        logQueue.enqueue(event)
    }

    /// The tracer a plugin provides (``PluginComponents/tracer``), for spans of work outside the LLM pipeline.
    public var pluginTracer: (any Tracer)? { tracer }
}
