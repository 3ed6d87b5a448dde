public import GatewayCore
public import Hummingbird

/// The per-request context: Hummingbird's core storage plus the request id every response echoes.
public struct GatewayRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``RequestIDMiddleware`` before any route runs.
    public var requestID: String
    /// Headers the pipeline adds to this request's response (rate limits, cost), set by ``RequestIDMiddleware``.
    public var responseHeaders: ResponseHeaders

    public init(source: Source) {
        coreContext = .init(source: source)
        requestID = ""
        responseHeaders = ResponseHeaders()
    }
}
