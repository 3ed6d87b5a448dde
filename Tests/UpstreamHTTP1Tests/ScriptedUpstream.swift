import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// A loopback HTTP/1.1 server that answers each request as its script says, in raw bytes (so it can send what a real
/// server might: a short body, a close mid-stream, nothing at all), and counts connections and requests.
final class ScriptedUpstream: Sendable {
    /// What to do with one request.
    enum Reply: Sendable {
        /// Send these bytes, then keep the connection open for the next request.
        case send(String)
        /// Send these bytes, then close the connection.
        case sendAndClose(String)
        /// Send these bytes, then close the socket under TLS without its close_notify (as many servers do).
        case sendAndCloseSocket(String)
        /// Send each piece after the one before it, `pause` apart, then keep the connection open.
        case trickle([String], pause: TimeAmount)
        /// Send nothing and leave the connection open.
        case silence
    }

    /// A request as received: its request line and headers (lowercased names), the body, and which connection it came on.
    struct Request: Sendable {
        let line: String
        let headers: [(String, String)]
        let body: String
        let connection: Int

        func header(_ name: String) -> String? { headers.first { $0.0 == name }?.1 }
    }

    private struct State {
        var connections = 0
        var closedConnections = 0
        var answering = 0
        var peakAnswering = 0
        var requests: [Request] = []
    }

    let port: Int
    private let channel: any Channel
    private let state: NIOLockedValueBox<State>

    /// - Parameters:
    ///   - tls: serve TLS with this context (`https://`).
    ///   - script: the reply to the `n`th request (0-based, across connections).
    init(tls: NIOSSLContext? = nil, script: @escaping @Sendable (_ n: Int, _ request: Request) -> Reply) async throws {
        let state = NIOLockedValueBox(State())
        self.state = state
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                let number = state.withLockedValue { state -> Int in
                    state.connections += 1
                    return state.connections
                }
                channel.closeFuture.whenComplete { _ in state.withLockedValue { $0.closedConnections += 1 } }
                return channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.addHandler(ScriptedConnection(number: number, state: state, script: script))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress!.port!
    }

    var url: String { "http://127.0.0.1:\(port)" }
    var connections: Int { state.withLockedValue { $0.connections } }
    var closedConnections: Int { state.withLockedValue { $0.closedConnections } }
    /// The most requests answered at once: read, and their `send` or `trickle` answer not yet all written. Unlike a
    /// count of open connections it does not depend on when this side notices a client's close.
    var peakAnswering: Int { state.withLockedValue { $0.peakAnswering } }
    var requests: [Request] { state.withLockedValue { $0.requests } }

    func stop() async throws {
        try await channel.close()
    }

    /// Reads requests (head and a `content-length` body) from bytes and answers each.
    private final class ScriptedConnection: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let number: Int
        let state: NIOLockedValueBox<State>
        let script: @Sendable (Int, Request) -> Reply
        var pending = ""

        init(number: Int, state: NIOLockedValueBox<State>, script: @escaping @Sendable (Int, Request) -> Reply) {
            self.number = number
            self.state = state
            self.script = script
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            pending += String(buffer: unwrapInboundIn(data))
            while let request = takeRequest() {
                let n = state.withLockedValue { state -> Int in
                    state.requests.append(request)
                    state.answering += 1
                    state.peakAnswering = max(state.peakAnswering, state.answering)
                    return state.requests.count - 1
                }
                reply(script(n, request), context: context)
            }
        }

        private func takeRequest() -> Request? {
            guard let headEnd = pending.range(of: "\r\n\r\n") else { return nil }
            let lines = pending[..<headEnd.lowerBound].components(separatedBy: "\r\n")
            let headers = lines.dropFirst().compactMap { line -> (String, String)? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
            let length = Int(headers.first { $0.0 == "content-length" }?.1 ?? "0") ?? 0
            let rest = pending[headEnd.upperBound...]
            guard rest.utf8.count >= length else { return nil }
            let body = String(rest.utf8.prefix(length))!
            pending = String(rest.utf8.dropFirst(length))!
            return Request(line: lines[0], headers: headers, body: body, connection: number)
        }

        private func reply(_ reply: Reply, context: ChannelHandlerContext) {
            switch reply {
            case .send(let text):
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text))).whenComplete { _ in self.answered() }
            case .sendAndClose(let text):
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            case .sendAndCloseSocket(let text):
                let channel = context.channel
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text))).assumeIsolated().whenComplete { _ in
                    // Below the TLS handler: the socket closes with no close_notify sent.
                    let operations = channel.pipeline.syncOperations
                    try? operations.removeHandler(context: operations.context(handlerType: NIOSSLServerHandler.self))
                    channel.close(promise: nil)
                }
            case .trickle(let pieces, let pause):
                for (index, piece) in pieces.enumerated() {
                    let bytes = ByteBuffer(string: piece)
                    context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(pause.nanoseconds * Int64(index))) {
                        let written = context.writeAndFlush(self.wrapOutboundOut(bytes))
                        if index == pieces.count - 1 { written.whenComplete { _ in self.answered() } }
                    }
                }
            case .silence:
                break
            }
        }

        private func answered() {
            state.withLockedValue { $0.answering -= 1 }
        }
    }
}

extension ScriptedUpstream {
    /// A complete `200` answer with a `content-length`.
    static func ok(_ body: String, headers: String = "") -> String {
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: \(body.utf8.count)\r\n\(headers)\r\n\(body)"
    }

    /// The head of a chunked answer, and each piece as a chunk.
    static func chunkedHead() -> String { "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n" }
    static func chunk(_ text: String) -> String { String(text.utf8.count, radix: 16) + "\r\n" + text + "\r\n" }
    static let lastChunk = "0\r\n\r\n"

    static func withRunning(
        tls: NIOSSLContext? = nil, script: @escaping @Sendable (_ n: Int, _ request: Request) -> Reply,
        _ body: (ScriptedUpstream) async throws -> Void
    ) async throws {
        let upstream = try await ScriptedUpstream(tls: tls, script: script)
        do {
            try await body(upstream)
            try await upstream.stop()
        } catch {
            try? await upstream.stop()
            throw error
        }
    }
}
