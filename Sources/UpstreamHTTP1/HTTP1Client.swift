public import NIOCore
public import NIOHTTP1
public import NIOPosix
public import NIOSSL

/// A lean HTTP/1.1 client for upstream calls: keep-alive connections pooled per event loop, and each request sent
/// from the loop its caller runs on (under NIO's executor, the loop the gateway's request arrived on), so a call
/// crosses no thread and takes no lock.
///
/// Made for the gateway's own upstream calls, where AsyncHTTPClient's generality costs more than the rest of the
/// pipeline (bench/README.md, "A lean upstream client"): one request per connection at a time, a body known in
/// advance, no redirects, no proxy, HTTP/1.1 over TCP or TLS (no HTTP/2). Errors are NIO's for the socket (a refused
/// or timed-out connect), NIOSSL's for TLS, and ``HTTP1ClientError`` for the rest.
public final class HTTP1Client: Sendable {
    public struct Configuration: Sendable {
        /// How long a new connection may take to be accepted.
        public var connectTimeout: TimeAmount
        /// How long a pooled connection may stay idle before it is closed.
        public var idleTimeout: TimeAmount
        /// How long a response body may go without a byte (while its reader wants one); nil waits for ever.
        public var readTimeout: TimeAmount?
        /// TLS for `https://` upstreams; nil: the system's trust roots, full verification of the host's certificate.
        public var tls: TLSConfiguration?
        /// The most connections open to one upstream (scheme, host and port) at once, over every loop; requests past
        /// it wait for one.
        public var maximumConnectionsPerTarget: Int

        public init(
            connectTimeout: TimeAmount = .seconds(10), idleTimeout: TimeAmount = .seconds(60), readTimeout: TimeAmount? = .seconds(600),
            tls: TLSConfiguration? = nil, maximumConnectionsPerTarget: Int = 1024
        ) {
            self.connectTimeout = connectTimeout
            self.idleTimeout = idleTimeout
            self.readTimeout = readTimeout
            self.tls = tls
            self.maximumConnectionsPerTarget = max(1, maximumConnectionsPerTarget)
        }
    }

    private let group: any EventLoopGroup
    private let pools: [ObjectIdentifier: HTTP1LoopPool]
    /// nil when the TLS configuration could not be loaded: `https://` is then not served (``serves(_:)``).
    private let tlsContext: NIOSSLContext?

    public init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, configuration: Configuration = Configuration()) {
        self.group = group
        var pools: [ObjectIdentifier: HTTP1LoopPool] = [:]
        let limits = HTTP1ConnectionLimits(maximumPerTarget: configuration.maximumConnectionsPerTarget)
        var tls = configuration.tls ?? .makeClientConfiguration()
        tls.applicationProtocols = ["http/1.1"]
        let tlsContext = try? NIOSSLContext(configuration: tls)
        for loop in group.makeIterator() {
            pools[ObjectIdentifier(loop)] = HTTP1LoopPool(loop: loop, configuration: configuration, limits: limits, tlsContext: tlsContext)
        }
        self.pools = pools
        self.tlsContext = tlsContext
    }

    /// Whether `url` is one this client serves: `http://`, and `https://` when its TLS configuration loaded.
    public func serves(_ url: String) -> Bool {
        var utf8 = Substring(url).utf8
        return HTTP1Target.dropPrefix("http://", from: &utf8) || (tlsContext != nil && HTTP1Target.dropPrefix("https://", from: &utf8))
    }

    /// Sends a request and returns once its response head arrived.
    /// - Parameters:
    ///   - headers: the request's headers; `host` and `content-length` are added.
    ///   - body: sent with a `content-length`; nil sends none.
    ///   - deadline: by when the response head must have arrived (``HTTP1ClientError/deadlineExceeded``).
    /// - Throws: ``HTTP1ClientError`` (``HTTP1ClientError/cancelled`` when the calling task is cancelled), or the
    ///   connection's error.
    public func execute(
        _ method: HTTPMethod, url: String, headers: HTTPHeaders, body: ByteBuffer?, deadline: NIODeadline
    ) async throws -> HTTP1Response {
        guard let (target, path) = HTTP1Target.parse(url), !target.secure || tlsContext != nil else { throw HTTP1ClientError.invalidURL }
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: path, headers: headers)
        head.headers.replaceOrAdd(name: "host", value: target.hostHeader)
        if let body { head.headers.replaceOrAdd(name: "content-length", value: String(body.readableBytes)) }
        let pool = currentPool()
        let exchange = HTTP1Exchange(loop: pool.loop, target: target, head: head, body: body)
        return try await withTaskCancellationHandler {
            if pool.loop.inEventLoop {
                start(exchange, on: pool, deadline: deadline)
            } else {
                pool.loop.execute { self.start(exchange, on: pool, deadline: deadline) }
            }
            return try await exchange.response.futureResult.get()
        } onCancel: {
            pool.loop.execute { exchange.abandon(with: HTTP1ClientError.cancelled) }
        }
    }

    /// Closes the idle connections; requests made afterwards fail.
    public func shutdown() async {
        for pool in pools.values {
            try? await pool.loop.submit { pool.shutDown() }.get()
        }
    }

    private func start(_ exchange: HTTP1Exchange, on pool: HTTP1LoopPool, deadline: NIODeadline) {
        exchange.arm(deadline: deadline)
        pool.run(exchange)
    }

    /// The pool of the loop the caller runs on, else of the next loop.
    private func currentPool() -> HTTP1LoopPool {
        if let loop = MultiThreadedEventLoopGroup.currentEventLoop, let pool = pools[ObjectIdentifier(loop)] { return pool }
        return pools[ObjectIdentifier(group.next())]!
    }
}
