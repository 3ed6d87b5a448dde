/// How much the HTTP server takes on, and how long it waits for slow clients (config.yaml's `general_settings`;
/// parsed in `ServerLimits+Parsing.swift`).
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `global_max_parallel_requests` | integer; 0 turns the limit off | 4096 |
/// | `request_header_timeout_seconds` | seconds a request head may take to arrive, from its first byte | 10 |
/// | `request_body_timeout_seconds` | seconds a request body may take to arrive, from the end of its head | 60 |
/// | `keep_alive_timeout_seconds` | seconds an idle connection (kept alive, or new and silent) stays open | 75 |
/// | `max_request_header_size_kb` | KiB of request line and headers together | 64 |
/// | `max_request_header_fields` | header fields in one request head | 1000 |
/// | `upstream_max_connections_per_host` | connections to one upstream host (scheme, host and port) | 1024 |
/// | `upstream_connect_timeout_seconds` | seconds to wait for an upstream to accept a connection (or for a free one in a full pool) | 5 |
/// | `upstream_http_client` | the client for upstream calls: `lean` (the gateway's own HTTP/1.1 client) or `async-http-client` | `lean` |
///
/// Each limit bounds a resource whatever the clients do: requests past `global_max_parallel_requests` are
/// answered 503 at once; a head or body that arrives too slowly is answered 408 and its connection closed; a
/// connection idle past `keep_alive_timeout_seconds` is closed (75 s outlives the 60 s idle timeout of the common
/// load balancers in front, so they never reuse a connection the gateway just closed). A refused upstream connection
/// fails at once, whatever `upstream_connect_timeout_seconds` says; the timeout is for a host that does not answer
/// (5 s, the connect timeout of httpx, which LiteLLM and the OpenAI SDKs use).
public struct ServerLimits: Sendable, Equatable {
    /// Requests handled at once (health, readiness and metrics aside); nil: no limit.
    public var maxRequestsInFlight: Int?
    public var requestHeaderTimeout: Double
    public var requestBodyTimeout: Double
    public var keepAliveTimeout: Double
    /// The largest request line plus headers, in bytes.
    public var maxHeaderBytes: Int
    /// The most header fields one request head may carry.
    public var maxHeaderFields: Int
    /// Connections the shared upstream client opens to one host; further calls wait for a free one.
    public var upstreamConnectionsPerHost: Int
    /// Seconds to wait for an upstream to accept a connection, and for a free connection when the pool to its host
    /// is full; past it the attempt fails with 504 and the next deployment or fallback is tried.
    public var upstreamConnectTimeout: Double
    /// Which client makes the providers' upstream calls.
    public var upstreamHTTPClient: UpstreamHTTPClientKind = .lean

    public init(
        maxRequestsInFlight: Int? = 4096, requestHeaderTimeout: Double = 10, requestBodyTimeout: Double = 60, keepAliveTimeout: Double = 75,
        maxHeaderBytes: Int = 64 * 1024, maxHeaderFields: Int = 1000, upstreamConnectionsPerHost: Int = 1024,
        upstreamConnectTimeout: Double = 5
    ) {
        self.maxRequestsInFlight = maxRequestsInFlight
        self.requestHeaderTimeout = requestHeaderTimeout
        self.requestBodyTimeout = requestBodyTimeout
        self.keepAliveTimeout = keepAliveTimeout
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderFields = maxHeaderFields
        self.upstreamConnectionsPerHost = upstreamConnectionsPerHost
        self.upstreamConnectTimeout = upstreamConnectTimeout
    }
}

/// The client for the providers' upstream calls (`general_settings.upstream_http_client`).
public enum UpstreamHTTPClientKind: String, Sendable {
    /// `HTTP1Client`: HTTP/1.1 (over TLS for `https://`) on the caller's event loop, no locks on the way of a pooled
    /// connection.
    case lean
    /// AsyncHTTPClient (HTTP/2 where the upstream offers it).
    case asyncHTTPClient = "async-http-client"
}
