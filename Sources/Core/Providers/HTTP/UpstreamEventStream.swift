public import AsyncHTTPClient
import NIOCore

/// Reads server-sent events from an upstream response body, one `next()` at a time (pull, never buffered
/// ahead), so a slow client slows the upstream read.
public final class UpstreamEventStream: @unchecked Sendable {
    // Unchecked: a stream is consumed by one task at a time; the mutable state is never shared.
    private var body: HTTPClientResponse.Body.AsyncIterator
    private var parser = SSEParser()
    private var ready: ArraySlice<ServerSentEvent> = []
    private var ended = false
    private let deployment: Deployment

    public init(_ response: HTTPClientResponse, deployment: Deployment) {
        self.body = response.body.makeAsyncIterator()
        self.deployment = deployment
    }

    /// The next event; nil when the body has ended.
    /// - Throws: 502 `upstream_truncated` when the connection closes or breaks mid-stream.
    public func next() async throws -> ServerSentEvent? {
        while ready.isEmpty {
            if ended { return nil }
            let buffer: ByteBuffer?
            do {
                buffer = try await body.next()
            } catch {
                throw UpstreamFailure.bodyError(for: error, deployment: deployment)
            }
            if let buffer {
                ready = parser.feed(buffer)[...]
            } else {
                ended = true
                if let last = parser.finish() { ready = [last] }
            }
        }
        return ready.popFirst()
    }

    /// The events already read and not yet returned: what ``next()`` returns without waiting on the network.
    public var readyEvents: ArraySlice<ServerSentEvent> { ready }
}
