import GatewayCore
import NIOCore
import ServiceLifecycle
import Synchronization

/// The open server-to-client event streams: the older transport's `GET /sse` sessions and Streamable HTTP's
/// `GET /mcp` streams, by stream id, each with the caller that opened it and the server it is scoped to
/// (`/mcp/{server}`; nil for all).
///
/// ``broadcast(_:servers:)`` writes a notification to every stream that sees one of the servers named, which is how
/// `notifications/tools/list_changed` reaches connected clients. A stream leaves the table when it ends, whichever
/// side ended it.
final class MCPClientStreams: Sendable {
    typealias Continuation = AsyncThrowingStream<ByteBuffer, any Error>.Continuation

    private struct Stream {
        var owner: String
        var scope: String?
        var continuation: Continuation
    }

    private let streams = Mutex<[String: Stream]>([:])

    init() {}

    /// The number of open streams.
    var count: Int { streams.withLock { $0.count } }

    /// Opens the stream `id`, starting with `first` (the older transport's `endpoint` event).
    ///
    /// The stream ends when the client leaves (the server cancels the writer when the connection closes; a comment
    /// every 15 seconds finds a client that left without closing), or on graceful shutdown (else the server would wait
    /// for it forever). `ended` runs then, after the stream left the table.
    func open(
        _ id: String, owner: String, scope: String? = nil, first: ServerSentEvent? = nil, ended: @escaping @Sendable () -> Void = {}
    ) -> AsyncThrowingStream<ByteBuffer, any Error> {
        let (stream, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        streams.withLock { $0[id] = Stream(owner: owner, scope: scope, continuation: continuation) }
        let shutdown = Task {
            try? await gracefulShutdown()
            continuation.finish()
        }
        let keepAlive = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(15))
                continuation.yield(ByteBuffer(string: ": ping\n\n"))
            }
        }
        continuation.onTermination = { [weak self] _ in
            self?.close(id)
            shutdown.cancel()
            keepAlive.cancel()
            ended()
        }
        if let first { continuation.yield(ByteBuffer(string: first.encoded)) }
        return stream
    }

    func close(_ id: String) {
        _ = streams.withLock { $0.removeValue(forKey: id) }
    }

    /// The stream `id` when `owner` opened it.
    func stream(_ id: String, owner: String) -> Continuation? {
        streams.withLock { $0[id].flatMap { $0.owner == owner ? $0.continuation : nil } }
    }

    /// Writes `message` as a `message` event to every stream scoped to all servers or to one of `servers`.
    func broadcast(_ message: JSON, servers: Set<String>) {
        let event = MCPEndpoint.event(message.serializedString())
        let targets = streams.withLock { streams in
            streams.values.filter { $0.scope.map(servers.contains) ?? true }.map(\.continuation)
        }
        for continuation in targets { continuation.yield(event) }
    }

    /// `notifications/tools/list_changed`, as the gateway sends it.
    static let toolsListChanged: JSON = ["jsonrpc": "2.0", "method": "notifications/tools/list_changed"]
}
