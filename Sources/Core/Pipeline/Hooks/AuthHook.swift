/// Turns a request's credential into a ``Principal``: the first hook point.
///
/// Auth hooks run in plugins.json order. The first to return a principal wins; `nil` means "not my kind of
/// credential, ask the next one" (as Hummingbird's authenticators do). Throwing a ``GatewayError`` rejects
/// the request (401, or 403 for a blocked key) without asking the others. When every auth hook returns nil the
/// request is rejected with 401. With no auth plugin enabled at all, every caller is ``Principal/anonymous``.
///
/// ```swift
/// struct HeaderAuth: AuthHook {
///     func authenticate(_ request: GatewayRequest) async throws -> Principal? {
///         guard request.credential == "let-me-in" else { return nil }
///         return Principal(subject: "header", role: .user)
///     }
/// }
/// ```
public protocol AuthHook: PipelineHook {
    /// - Returns: the caller, or nil when this hook does not recognise the credential.
    /// - Throws: ``GatewayError`` to reject.
    func authenticate(_ request: GatewayRequest) async throws -> Principal?
}
