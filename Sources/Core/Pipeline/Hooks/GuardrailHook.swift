/// Inspects, masks or rejects content before and after the upstream call.
///
/// `preCall` runs after the tool allowlist, in plugins.json order, and may rewrite the body (masking) or throw a
/// ``GatewayError`` to reject. `postCall` runs on a complete response in reverse order and may rewrite it or
/// throw. `inspectChunk` runs on every streamed chunk in reverse order; returning nil drops the chunk, throwing
/// ends the stream with an error event. Each requirement but `preCall` defaults to pass-through.
public protocol GuardrailHook: PipelineHook {
    func preCall(_ request: inout GatewayRequest) async throws -> HookDecision

    func postCall(_ request: GatewayRequest, response: inout JSON) async throws

    func inspectChunk(_ request: GatewayRequest, chunk: StreamChunk) async throws -> StreamChunk?
}

extension GuardrailHook {
    public func postCall(_ request: GatewayRequest, response: inout JSON) async throws {}

    public func inspectChunk(_ request: GatewayRequest, chunk: StreamChunk) async throws -> StreamChunk? { chunk }
}
