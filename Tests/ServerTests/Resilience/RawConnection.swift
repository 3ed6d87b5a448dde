import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A bare TCP connection to a server on loopback, for what HTTP clients never do: dribble a head byte by byte,
/// stall a body, sit idle. Collects what the server sends and notices when it closes the connection.
final class RawConnection: Sendable {
    private let channel: any Channel
    private let inbox: Inbox

    private init(channel: any Channel, inbox: Inbox) {
        self.channel = channel
        self.inbox = inbox
    }

    static func open(port: Int) async throws -> RawConnection {
        let inbox = Inbox()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Collector(inbox)) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawConnection(channel: channel, inbox: inbox)
    }

    /// Sends bytes; throws once the server has closed the connection.
    func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text)).get()
    }

    /// Everything received so far.
    var received: String { inbox.snapshot.text }
    var isClosed: Bool { inbox.snapshot.closed }

    /// Waits until `condition` holds for what was received and whether the server closed; false after `timeout`.
    @discardableResult
    func wait(for timeout: Duration, until condition: @escaping @Sendable (_ received: String, _ closed: Bool) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            let snapshot = inbox.snapshot
            if condition(snapshot.text, snapshot.closed) { return true }
            if ContinuousClock.now >= deadline { return false }
            await inbox.change(after: snapshot.version, deadline: deadline)
        }
    }

    /// Waits until the server closes the connection; false if it is still open after `timeout`.
    func waitForClose(within timeout: Duration) async -> Bool {
        await wait(for: timeout) { _, closed in closed }
    }

    /// Waits for one complete response (head and a `content-length` body); nil after `timeout`.
    func waitForResponse(within timeout: Duration, after offset: Int = 0) async -> RawResponse? {
        var response: RawResponse?
        let found = await wait(for: timeout) { text, _ in RawResponse(parsing: String(text.dropFirst(offset))) != nil }
        if found { response = RawResponse(parsing: String(received.dropFirst(offset))) }
        return response
    }

    func close() {
        channel.close(promise: nil)
    }
}

/// A response read off a raw connection.
struct RawResponse {
    let status: Int
    let headers: [String: String]
    let body: String
    /// Characters of the connection's text this response took.
    let length: Int

    /// The first complete response in `text`, or nil while it is incomplete.
    init?(parsing text: String) {
        guard let headEnd = text.range(of: "\r\n\r\n") else { return nil }
        let lines = text[..<headEnd.lowerBound].components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let bodyLength = Int(headers["content-length"] ?? "0") ?? 0
        let rest = text[headEnd.upperBound...]
        guard rest.utf8.count >= bodyLength else { return nil }
        let body = String(rest.utf8.prefix(bodyLength))!
        self.status = status
        self.headers = headers
        self.body = body
        self.length = text.distance(from: text.startIndex, to: headEnd.upperBound) + body.count
    }
}

/// What a connection received, shared between its event loop and the test.
private final class Inbox: Sendable {
    struct Snapshot {
        var text = ""
        var closed = false
        var version = 0
    }

    private let state = Mutex<(snapshot: Snapshot, waiters: [UUID: CheckedContinuation<Void, Never>])>((Snapshot(), [:]))

    var snapshot: Snapshot { state.withLock { $0.snapshot } }

    func append(_ text: String) { update { $0.text += text } }
    func close() { update { $0.closed = true } }

    private func update(_ change: (inout Snapshot) -> Void) {
        let waiters = state.withLock { state in
            change(&state.snapshot)
            state.snapshot.version += 1
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns when something changed since `version`, or at `deadline`.
    func change(after version: Int, deadline: ContinuousClock.Instant) async {
        let id = UUID()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withTaskCancellationHandler {
                    await withCheckedContinuation { continuation in
                        let now = self.state.withLock { state -> Bool in
                            if state.snapshot.version != version || Task.isCancelled { return true }
                            state.waiters[id] = continuation
                            return false
                        }
                        if now { continuation.resume() }
                    }
                } onCancel: {
                    self.state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
                }
            }
            group.addTask { try? await Task.sleep(until: deadline) }
            await group.next()
            group.cancelAll()
        }
    }
}

/// Passes the bytes a connection reads, and its end, to its ``Inbox``.
private final class Collector: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let inbox: Inbox

    init(_ inbox: Inbox) {
        self.inbox = inbox
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        inbox.append(String(buffer: unwrapInboundIn(data)))
    }

    func channelInactive(context: ChannelHandlerContext) {
        inbox.close()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset from the server is a close too.
        context.close(promise: nil)
    }
}
