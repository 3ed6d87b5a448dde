import GatewayCore
import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1 channel with the gateway's connection limits (``ServerLimits``): the decoder's header size
/// limit, and the per-connection deadlines of ``ConnectionDeadlines`` (Hummingbird's own idle timeout is left off:
/// it is pushed back by every part read, so a client dribbling a body would never be cut).
///
/// ```
/// socket ─▶ RequestBytesObserver ─▶ HTTP decoder ─▶ HTTP types codec ─▶ ConnectionDeadlines ─▶ Hummingbird
/// ```
struct GatewayHTTPChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let responder: HTTPChannelHandler.Responder
    let limits: ServerLimits

    /// The server builder for `Application(server:)`.
    static func builder(limits: ServerLimits) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in GatewayHTTPChannel(responder: responder, limits: limits) }
    }

    /// Runs on the new channel's event loop, before it reads anything.
    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let deadlines = ConnectionDeadlines(limits: limits)
        do {
            try channel.pipeline.syncOperations.addHandler(RequestBytesObserver(deadlines))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        let handler = NIOLoopBound(deadlines, eventLoop: channel.eventLoop)
        let configuration = HTTP1Channel.Configuration(
            additionalChannelHandlers: [handler.value], idleTimeout: nil,
            httpDecoderConfiguration: .init(
                maxHeaderFieldSize: limits.maxHeaderBytes, maxHeaderListSize: limits.maxHeaderBytes, maxHeaderFieldCount: limits.maxHeaderFields))
        return HTTP1Channel(responder: responder, configuration: configuration).setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await HTTP1Channel(responder: responder).handle(value: value, logger: logger)
    }
}
