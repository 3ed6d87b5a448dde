import NIOCore
import NIOHTTP1
import NIOSSL

/// One keep-alive connection to an upstream, and the handler at the end of its pipeline: it writes one request at a
/// time, hands the response head to the exchange and streams the body to the caller.
///
/// Reads are explicit (the channel's `autoRead` is off): the connection reads while idle (so an upstream's close of a
/// pooled connection is seen at once), while it waits for a head, and while the body's reader keeps up.
final class HTTP1Connection: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private enum State {
        case idle
        case awaitingHead(HTTP1Exchange)
        case streamingBody(HTTP1Exchange, HTTP1ResponseBody.Producer.Source, keepAlive: Bool)
        case closed
    }

    let target: HTTP1Target
    /// The cap on connections to the target this one counts against.
    let limit: HTTP1ConnectionLimit
    private let readTimeout: TimeAmount?
    /// Called when a response ended and the connection can take the next request.
    private let onIdle: (HTTP1Connection) -> Void
    private var state = State.idle
    private var context: ChannelHandlerContext?
    /// The reader of the body wants bytes; false holds the next read back until it does.
    private var readerHasRoom = true
    private var readHeldBack = false
    /// After an informational (1xx) head: its `end` is skipped, the real head follows.
    private var skippingInformational = false
    private var lastRead = NIODeadline.now()
    private var readTimer: Scheduled<Void>?
    /// When the connection went back to the pool, for its idle timeout.
    var idleSince = NIODeadline.now()

    init(target: HTTP1Target, limit: HTTP1ConnectionLimit, readTimeout: TimeAmount?, onIdle: @escaping (HTTP1Connection) -> Void) {
        self.target = target
        self.limit = limit
        self.readTimeout = readTimeout
        self.onIdle = onIdle
    }

    /// Idle and open: can take a request.
    var isReusable: Bool {
        guard case .idle = state, let context else { return false }
        return context.channel.isActive
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func channelActive(context: ChannelHandlerContext) {
        context.read()
        context.fireChannelActive()
    }

    /// Writes the exchange's request; the connection must be reusable.
    func start(_ exchange: HTTP1Exchange) {
        guard let context, isReusable else {
            exchange.fail(HTTP1ClientError.remoteConnectionClosed)
            return
        }
        state = .awaitingHead(exchange)
        exchange.sent(on: self)
        readerHasRoom = true
        context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
        if let body = exchange.body, body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenFailure { [self] error in failAndClose(error) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch (state, unwrapInboundIn(data)) {
        case (.awaitingHead(let exchange), .head(let head)):
            if head.status.code < 200 && head.status != .switchingProtocols {
                skippingInformational = true
                return
            }
            guard head.status != .switchingProtocols else { return failAndClose(HTTP1ClientError.unexpectedResponse) }
            skippingInformational = false
            let body = HTTP1ResponseBody.Producer.makeSequence(
                backPressureStrategy: .init(lowWatermark: 2, highWatermark: 16),
                finishOnDeinit: false,
                delegate: HTTP1BodyDemand(connection: NIOLoopBound(self, eventLoop: context.eventLoop), exchange: exchange))
            state = .streamingBody(exchange, body.source, keepAlive: head.isKeepAlive)
            lastRead = .now()
            if let readTimeout { armReadTimer(on: context.eventLoop, after: readTimeout) }
            exchange.answer(HTTP1Response(status: head.status, headers: head.headers, body: HTTP1ResponseBody(producer: body.sequence)))
        case (.awaitingHead, .end) where skippingInformational:
            skippingInformational = false
        case (.streamingBody(_, let source, _), .body(let bytes)):
            lastRead = .now()
            switch source.yield(bytes) {
            case .produceMore: break
            case .stopProducing: readerHasRoom = false
            case .dropped: failAndClose(HTTP1ClientError.cancelled)
            }
        case (.streamingBody(_, let source, let keepAlive), .end):
            state = .idle
            readTimer?.cancel()
            readTimer = nil
            source.finish()
            if keepAlive {
                onIdle(self)
            } else {
                context.close(promise: nil)
            }
        case (.closed, _):
            break
        default:
            // Bytes with no request outstanding, or parts out of order.
            failAndClose(HTTP1ClientError.unexpectedResponse)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if case .streamingBody = state, !readerHasRoom {
            readHeldBack = true
        } else if case .closed = state {
            return
        } else {
            context.read()
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A TLS peer that closes without close_notify: whether the body was whole is the HTTP decoder's to say when the
        // connection goes (a body read to the close ends there; one short of its length fails).
        if case .streamingBody = state, let tlsError = error as? NIOSSLError, case .uncleanShutdown = tlsError { return }
        failAndClose(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(HTTP1ClientError.remoteConnectionClosed)
        context.fireChannelInactive()
    }

    /// The body's reader took enough to want more: a read held back is issued.
    func readerWantsMore(of exchange: HTTP1Exchange) {
        guard case .streamingBody(let current, _, _) = state, current === exchange else { return }
        readerHasRoom = true
        if readHeldBack, let context {
            readHeldBack = false
            lastRead = .now()
            context.read()
        }
    }

    /// The body's reader stopped (read it all, dropped it or was cancelled); before the body's end, the connection
    /// is closed.
    func readerStopped(reading exchange: HTTP1Exchange) {
        guard case .streamingBody(let current, _, _) = state, current === exchange else { return }
        failAndClose(HTTP1ClientError.cancelled)
    }

    /// The caller gave up on `exchange` while it runs here.
    func abandon(_ exchange: HTTP1Exchange, with error: any Error) {
        switch state {
        case .awaitingHead(let current) where current === exchange, .streamingBody(let current, _, _) where current === exchange:
            failAndClose(error)
        default:
            break
        }
    }

    func close() {
        context?.close(promise: nil)
    }

    private func failAndClose(_ error: any Error) {
        fail(error)
        context?.close(promise: nil)
    }

    /// Ends the exchange in flight with `error`; the connection takes no more requests.
    private func fail(_ error: any Error) {
        switch state {
        case .awaitingHead(let exchange):
            exchange.fail(error)
        case .streamingBody(_, let source, _):
            source.finish(error)
        case .idle, .closed:
            break
        }
        state = .closed
        readTimer?.cancel()
        readTimer = nil
    }

    /// Fails the body with ``HTTP1ClientError/readTimeout`` when no bytes came for the read timeout while its reader
    /// had room for them (a reader that is behind is not the upstream's silence).
    private func armReadTimer(on loop: any EventLoop, after delay: TimeAmount) {
        readTimer = loop.assumeIsolated().scheduleTask(in: delay) { [self] in
            guard case .streamingBody = state, let readTimeout else { return }
            if !readerHasRoom { lastRead = .now() }
            let quiet = NIODeadline.now() - lastRead
            if quiet >= readTimeout {
                failAndClose(HTTP1ClientError.readTimeout)
            } else {
                armReadTimer(on: loop, after: readTimeout - quiet)
            }
        }
    }
}
