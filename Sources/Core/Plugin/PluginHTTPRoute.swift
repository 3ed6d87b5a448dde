public import HTTPTypes
public import NIOCore

/// An HTTP endpoint a plugin serves with its own content type, headers and cookies: an HTML page (the admin UI), a
/// JSON-RPC endpoint that may answer with a stream (MCP). A JSON management endpoint is an ``AdminRoute`` instead.
///
/// The server registers the route, reads the body (capped at `max_request_body_bytes`) and hands the request to the
/// handler without authenticating it: the handler decides, with ``PluginHTTPRequest/gateway``. A thrown
/// ``GatewayError`` becomes an OpenAI-shaped error.
public struct PluginHTTPRoute: Sendable {
    public var method: HTTPRequest.Method
    /// The path; `{name}` segments are parameters (`/mcp/{server}`).
    public var path: String
    public var handler: @Sendable (PluginHTTPRequest) async throws -> PluginHTTPResponse

    public init(_ method: HTTPRequest.Method, _ path: String, handler: @escaping @Sendable (PluginHTTPRequest) async throws -> PluginHTTPResponse) {
        self.method = method
        self.path = path
        self.handler = handler
    }
}

/// One call to a ``PluginHTTPRoute``.
public struct PluginHTTPRequest: Sendable {
    public var requestID: String
    public var method: HTTPRequest.Method
    /// The path without the query.
    public var path: String
    public var headers: HTTPFields
    /// The API key as the LLM routes read it (`Authorization: Bearer`, `x-api-key`, `api-key`, `x-goog-api-key`).
    public var credential: String?
    /// Query parameters (`?page=2`).
    public var query: [String: String]
    /// Path parameters (`{server}`).
    public var parameters: [String: String]
    /// The whole body (empty for none).
    public var body: ByteBuffer
    /// The gateway's own operations: authentication with the auth hooks, the management API, the pipeline.
    public var gateway: GatewayAccess
    /// The host (and port) the client addressed (HTTP/1.1 `Host`), e.g. for a callback URL; nil when it sent none.
    public var authority: String?

    public init(
        requestID: String, method: HTTPRequest.Method, path: String, headers: HTTPFields, credential: String?, query: [String: String],
        parameters: [String: String], body: ByteBuffer, gateway: GatewayAccess
    ) {
        self.requestID = requestID
        self.method = method
        self.path = path
        self.headers = headers
        self.credential = credential
        self.query = query
        self.parameters = parameters
        self.body = body
        self.gateway = gateway
    }
}

/// What a ``PluginHTTPRoute`` answers.
public struct PluginHTTPResponse: Sendable {
    public enum Body: Sendable {
        case bytes(ByteBuffer)
        /// Written as it is produced (server-sent events); the stream ends the response.
        case stream(AsyncThrowingStream<ByteBuffer, any Error>)
    }

    public var status: HTTPResponse.Status
    public var headers: HTTPFields
    public var body: Body

    public init(status: HTTPResponse.Status = .ok, headers: HTTPFields = [:], body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A complete answer with a content type.
    public init(status: HTTPResponse.Status = .ok, contentType: String, headers: HTTPFields = [:], body: some StringProtocol) {
        var fields = headers
        fields[.contentType] = contentType
        self.init(status: status, headers: fields, body: .bytes(ByteBuffer(string: String(body))))
    }
}
