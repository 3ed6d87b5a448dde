import NIOCore
import NIOHTTP1

/// One request from the caller's `execute` to its response head (or failure).
///
/// Made by the caller's task, then read and changed only on `loop` (the pool's and its connections' loop), which is
/// why it may be `@unchecked Sendable`.
final class HTTP1Exchange: @unchecked Sendable {
    enum State {
        /// Waiting for a connection.
        case waiting
        /// Written to a connection; no head yet.
        case sent(HTTP1Connection)
        /// The caller has its answer: the response head, or an error.
        case done
    }

    let loop: any EventLoop
    let target: HTTP1Target
    let head: HTTPRequestHead
    let body: ByteBuffer?
    let response: EventLoopPromise<HTTP1Response>
    private(set) var state = State.waiting
    private var deadlineTimer: Scheduled<Void>?

    init(loop: any EventLoop, target: HTTP1Target, head: HTTPRequestHead, body: ByteBuffer?) {
        self.loop = loop
        self.target = target
        self.head = head
        self.body = body
        self.response = loop.makePromise()
    }

    var isDone: Bool {
        if case .done = state { return true }
        return false
    }

    /// Fails the exchange with ``HTTP1ClientError/deadlineExceeded`` if no head arrived by `deadline`.
    func arm(deadline: NIODeadline) {
        loop.assertInEventLoop()
        deadlineTimer = loop.scheduleTask(deadline: deadline) { [self] in abandon(with: HTTP1ClientError.deadlineExceeded) }
    }

    /// Fails the exchange with ``HTTP1ClientError/noConnectionFree`` if it still waits for a connection after `timeout`
    /// (its target's connections all busy).
    func waitForConnection(atMost timeout: TimeAmount) {
        loop.scheduleTask(in: timeout) { [self] in
            if case .waiting = state { fail(HTTP1ClientError.noConnectionFree) }
        }
    }

    func sent(on connection: HTTP1Connection) {
        state = .sent(connection)
    }

    func answer(_ response: HTTP1Response) {
        guard !isDone else { return }
        finish()
        self.response.succeed(response)
    }

    func fail(_ error: any Error) {
        guard !isDone else { return }
        finish()
        response.fail(error)
    }

    /// The caller gave up (cancelled, or past the deadline): the connection the request is on, if any, is closed,
    /// since its answer would arrive for nobody.
    func abandon(with error: any Error) {
        loop.assertInEventLoop()
        switch state {
        case .waiting: fail(error)
        case .sent(let connection): connection.abandon(self, with: error)
        case .done: break
        }
    }

    private func finish() {
        state = .done
        deadlineTimer?.cancel()
        deadlineTimer = nil
    }
}
