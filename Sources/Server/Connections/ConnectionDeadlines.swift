import GatewayCore
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Holds each connection to its deadlines (``ConnectionPhase``), and answers what never reaches a route.
///
/// | phase | deadline | when it passes |
/// | --- | --- | --- |
/// | head | `request_header_timeout_seconds` from its first byte | 408, close |
/// | body | `request_body_timeout_seconds` from the end of the head | the route reading it fails with 408 (``ErrorMiddleware`` adds `connection: close`); a body nobody waits for any more: close |
/// | idle | `keep_alive_timeout_seconds` from the last response (a new connection: from its start) | close |
/// | busy | none: the gateway owes the answer | |
///
/// Framing the decoder refuses is answered here too, OpenAI-shaped, then the connection closes (the bytes after a
/// framing error cannot be trusted to start a request): a head larger than `max_request_header_size_kb` or with
/// more than `max_request_header_fields` fields gets a 431 naming that limit, anything else a 400. When the error
/// is in a body a route is reading (a bad chunk size, say), the route's read fails with the 400 and the route
/// answers it; when a response is still owed for an earlier request (garbage pipelined behind it), the 400 follows
/// that response.
///
/// Once the server drains (graceful shutdown, `ChannelShouldQuiesceEvent`), every response head written gets
/// `connection: close`, so a keep-alive client takes its next request elsewhere instead of losing it.
///
/// Sits after HTTP decoding (Hummingbird's `additionalChannelHandlers`); ``RequestBytesObserver``, in front of the
/// decoder, tells it when and how many bytes of a head arrive.
final class ConnectionDeadlines: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limits: ServerLimits
    private var state = ConnectionPhase()
    /// The phase whose deadline is running (nil before the connection is active).
    private var timedPhase: ConnectionPhase.Phase?
    private var timer: Scheduled<Void>?
    private var context: ChannelHandlerContext?
    /// Set once the connection is being closed: nothing more is read, timed or answered.
    private var closing = false
    /// Set once the server drains: responses carry `connection: close`.
    private var quiescing = false
    /// A framing error read while a response was still owed: answered once that response has ended.
    private var pendingRejection: GatewayError?

    init(limits: ServerLimits) {
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { refresh() }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopTimer()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        refresh()
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        closing = true
        stopTimer()
        context.fireChannelInactive()
    }

    /// Bytes arrived, not yet decoded (from ``RequestBytesObserver``).
    func bytesRead(_ count: Int) {
        state.bytesRead(count)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        switch unwrapInboundIn(data) {
        case .head: state.headRead()
        case .body: break
        case .end: state.endRead()
        }
        context.fireChannelRead(data)
    }

    /// The deadline follows the phase once per read burst: a request read whole in one burst goes from idle to busy
    /// without a head or body deadline being set and cancelled.
    func channelReadComplete(context: ChannelHandlerContext) {
        refresh()
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var response) where quiescing:
            response.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(response)), promise: promise)
        case .end:
            state.responseEnded()
            context.write(data, promise: promise)
            if let pendingRejection, !state.owesResponse {
                reject(pendingRejection, context: context)
            } else {
                refresh()
            }
        case .head, .body:
            context.write(data, promise: promise)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent { quiescing = true }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !closing, pendingRejection == nil, let rejection = rejection(for: error) else { return context.fireErrorCaught(error) }
        if state.routeAwaitsBody {
            // Fails the body stream the route reads; the route answers it (``ErrorMiddleware`` adds `connection: close`).
            context.fireErrorCaught(rejection)
        } else if state.owesResponse {
            pendingRejection = rejection
        } else {
            reject(rejection, context: context)
        }
    }

    /// The answer to a decoding error, or nil when it is not one the client caused.
    private func rejection(for error: any Error) -> GatewayError? {
        if let error = error as? HTTPParserError {
            guard error == .headerOverflow else { return .malformedHTTP(error) }
            // The decoder says only that a head limit was hit: within the byte limit, it was the field count.
            return state.headBytes > limits.maxHeaderBytes
                ? .headersTooLarge(limit: limits.maxHeaderBytes) : .tooManyHeaderFields(limit: limits.maxHeaderFields)
        }
        if error is HTTP1TypeConversionError { return .malformedHTTP(nil) }
        return nil
    }

    /// Starts the deadline of the phase the connection is now in, if it changed: bytes arriving within a phase do
    /// not push its deadline back.
    private func refresh() {
        guard let context, !closing, context.channel.isActive else { return }
        let phase = state.phase
        guard phase != timedPhase else { return }
        timedPhase = phase
        stopTimer()
        guard let seconds = timeout(of: phase) else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(Int64(seconds * 1_000_000_000))) {
            self.expired(phase)
        }
    }

    private func timeout(of phase: ConnectionPhase.Phase) -> Double? {
        switch phase {
        case .idle: limits.keepAliveTimeout
        case .head: limits.requestHeaderTimeout
        case .body: limits.requestBodyTimeout
        case .busy: nil
        }
    }

    private func expired(_ phase: ConnectionPhase.Phase) {
        timer = nil
        guard let context, !closing else { return }
        switch phase {
        case .head:
            reject(.requestTimeout("head", seconds: limits.requestHeaderTimeout), context: context)
        case .body where state.routeAwaitsBody:
            // Ends the body stream the route reads with this error; the route answers it.
            context.fireErrorCaught(GatewayError.requestTimeout("body", seconds: limits.requestBodyTimeout))
        case .idle, .body, .busy:
            // Nothing to answer: an idle connection gets no unsolicited 408 (a client could take it for the answer to
            // the request it is about to send), and a body nobody waits for needs none.
            closing = true
            context.close(promise: nil)
        }
    }

    /// Answers `error` (OpenAI-shaped, `connection: close`) and closes once it is written.
    private func reject(_ error: GatewayError, context: ChannelHandlerContext) {
        closing = true
        pendingRejection = nil
        stopTimer()
        let body = error.json.serialized()
        let fields: HTTPFields = [.contentType: "application/json", .contentLength: String(body.readableBytes), .connection: "close"]
        context.write(wrapOutboundOut(.head(HTTPResponse(status: error.status, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    private func stopTimer() {
        timer?.cancel()
        timer = nil
    }
}

@available(*, unavailable)
extension ConnectionDeadlines: Sendable {}
