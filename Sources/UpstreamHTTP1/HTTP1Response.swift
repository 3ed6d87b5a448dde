public import NIOCore
public import NIOHTTP1

/// A response whose head has arrived; its body streams from the connection as the caller reads it.
public struct HTTP1Response: Sendable {
    public let status: HTTPResponseStatus
    public let headers: HTTPHeaders
    public let body: HTTP1ResponseBody
}

/// The bytes of a response body, as the connection reads them. Reading slower than the upstream sends stops the
/// connection's reads (back-pressure); dropping the body before its end closes the connection (its remaining bytes
/// would otherwise stand in the way of the next request).
public struct HTTP1ResponseBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    typealias Producer = NIOThrowingAsyncSequenceProducer<
        ByteBuffer, any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, HTTP1BodyDemand
    >

    let producer: Producer

    public struct AsyncIterator: AsyncIteratorProtocol {
        var iterator: Producer.AsyncIterator

        @concurrent public mutating func next() async throws -> ByteBuffer? {
            try await iterator.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(iterator: producer.makeAsyncIterator())
    }
}

/// Tells a connection that its body's reader wants more bytes, or has gone.
struct HTTP1BodyDemand: NIOAsyncSequenceProducerDelegate {
    let connection: NIOLoopBound<HTTP1Connection>
    let exchange: HTTP1Exchange

    func produceMore() {
        let loop = connection.eventLoop
        if loop.inEventLoop {
            connection.value.readerWantsMore(of: exchange)
        } else {
            loop.execute { [connection, exchange] in connection.value.readerWantsMore(of: exchange) }
        }
    }

    func didTerminate() {
        // Never inline: termination can come from inside the connection's own `finish` of the body.
        connection.eventLoop.execute { [connection, exchange] in connection.value.readerStopped(reading: exchange) }
    }
}
