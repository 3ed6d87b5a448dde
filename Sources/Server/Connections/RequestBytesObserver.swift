import NIOCore

/// Sits in front of the HTTP decoder and tells ``ConnectionDeadlines`` that bytes arrived, so the wait for a
/// request head is timed from its first byte (before it, a kept-alive connection is idle), which the decoder,
/// emitting nothing until the head is complete, cannot tell.
final class RequestBytesObserver: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let deadlines: ConnectionDeadlines

    init(_ deadlines: ConnectionDeadlines) {
        self.deadlines = deadlines
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        deadlines.bytesRead(unwrapInboundIn(data).readableBytes)
        context.fireChannelRead(data)
    }
}

@available(*, unavailable)
extension RequestBytesObserver: Sendable {}
