import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The idle connections of one event loop, per upstream: a request made on this loop takes one (or opens one), and
/// its connection comes back when the response has ended. Used only on `loop`, so nothing is locked.
final class HTTP1LoopPool: @unchecked Sendable {
    let loop: any EventLoop
    private let configuration: HTTP1Client.Configuration
    private let limits: HTTP1ConnectionLimits
    private let tlsContext: NIOSSLContext?
    private var idle: [HTTP1Target: [HTTP1Connection]] = [:]
    private var sweeper: RepeatedTask?
    private var isShutDown = false

    init(loop: any EventLoop, configuration: HTTP1Client.Configuration, limits: HTTP1ConnectionLimits, tlsContext: NIOSSLContext?) {
        self.loop = loop
        self.configuration = configuration
        self.limits = limits
        self.tlsContext = tlsContext
    }

    /// Sends the exchange's request on an idle connection to its target, or a new one.
    func run(_ exchange: HTTP1Exchange) {
        loop.assertInEventLoop()
        guard !isShutDown else { return exchange.fail(HTTP1ClientError.cancelled) }
        if let connection = takeIdle(exchange.target) {
            connection.start(exchange)
        } else {
            connect(for: exchange, slotTaken: false)
        }
    }

    /// Opens a connection for `exchange` once its target's limit has a slot for it.
    /// - Parameter slotTaken: the slot was handed over by a closed connection (``HTTP1ConnectionLimit/release()``).
    func connect(for exchange: HTTP1Exchange, slotTaken: Bool) {
        loop.assertInEventLoop()
        let limit = limits.limit(for: exchange.target)
        if slotTaken, exchange.isDone || isShutDown {
            // Gave up while it waited: the slot passes on.
            exchange.fail(HTTP1ClientError.cancelled)
            return limit.release()
        }
        guard slotTaken || limit.reserve(for: exchange, on: self) else {
            return exchange.waitForConnection(atMost: configuration.connectTimeout)
        }
        connect(to: exchange.target, limit: limit).assumeIsolated().whenComplete { [self] result in
            switch result {
            case .success(let bound):
                let connection = bound.value
                // Cancelled or past its deadline while connecting: the new connection serves the next request.
                if exchange.isDone { release(connection) } else { connection.start(exchange) }
            case .failure(let error):
                limit.release()
                exchange.fail(error)
            }
        }
    }

    /// Closes every idle connection; requests made after this fail.
    func shutDown() {
        loop.assertInEventLoop()
        isShutDown = true
        sweeper?.cancel()
        for connection in idle.values.joined() { connection.close() }
        idle = [:]
    }

    private func takeIdle(_ target: HTTP1Target) -> HTTP1Connection? {
        while let connection = idle[target]?.popLast() {
            if connection.isReusable { return connection }
        }
        return nil
    }

    /// Takes back a connection whose response ended: a request waiting for a connection to its target gets it (or,
    /// waiting on another loop, the slot it frees by closing), else it is pooled.
    private func release(_ connection: HTTP1Connection) {
        guard connection.isReusable, !isShutDown else { return connection.close() }
        switch connection.limit.handoff(idleOn: self) {
        case .start(let exchange) where exchange.isDone:
            exchange.fail(HTTP1ClientError.cancelled)
            release(connection)
        case .start(let exchange):
            connection.start(exchange)
        case .close:
            connection.close()
        case .keep:
            connection.idleSince = .now()
            idle[connection.target, default: []].append(connection)
            if sweeper == nil { startSweeper() }
        }
    }

    private func connect(to target: HTTP1Target, limit: HTTP1ConnectionLimit) -> EventLoopFuture<NIOLoopBound<HTTP1Connection>> {
        let connection = NIOLoopBound(
            HTTP1Connection(target: target, limit: limit, readTimeout: configuration.readTimeout) { [weak self] connection in
                if let self { release(connection) } else { connection.close() }
            }, eventLoop: loop)
        let tlsContext = target.secure ? tlsContext : nil
        return ClientBootstrap(group: loop)
            .connectTimeout(configuration.connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelOption(.autoRead, value: false)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tlsContext {
                        // SNI names a host, never an address; an address is verified against the certificate's IP names.
                        let hostname = target.isIPAddress ? nil : target.host
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: hostname))
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(connection.value)
                }
            }
            .connect(host: target.host, port: target.port)
            .map { channel in
                // Its slot frees when it closes, however that happens.
                channel.closeFuture.whenComplete { _ in limit.release() }
                return connection
            }
    }

    /// Closes connections idle for longer than the idle timeout, every half of it.
    private func startSweeper() {
        let timeout = configuration.idleTimeout
        let period = TimeAmount.nanoseconds(max(timeout.nanoseconds / 2, 1))
        sweeper = loop.scheduleRepeatedTask(initialDelay: period, delay: period) { [weak self] task in
            guard let self else { return task.cancel() }
            let cutoff = NIODeadline.now() - timeout
            for (target, connections) in idle {
                let (stale, fresh) = (connections.filter { $0.idleSince < cutoff }, connections.filter { $0.idleSince >= cutoff })
                stale.forEach { $0.close() }
                idle[target] = fresh.isEmpty ? nil : fresh
            }
        }
    }
}
