/// What an HTTP/1 connection is waiting for, from what it read and wrote; decides which deadline applies.
///
/// ```
/// connected ─▶ head ─(head read)─▶ body ─(end read)─▶ busy ─(response ended)─▶ idle ─(a byte)─▶ head ...
/// ```
/// - `head`: the client owes a request head (a new connection, or bytes of the next request arrived).
/// - `body`: the client owes the rest of a body the server is waiting for (or that follows a response already sent).
/// - `busy`: the server owes a response; no deadline (a streamed answer may run for minutes).
/// - `idle`: a kept-alive connection with nothing owed either way.
///
/// Each deadline runs from the moment its phase begins and is not pushed back by bytes that arrive in it: a client
/// dribbling a byte every few seconds is cut when the phase's time is up. Pipelined requests (a head read while an
/// earlier response is still being written) leave the connection `busy` until the server has caught up.
struct ConnectionPhase: Equatable {
    enum Phase: Equatable {
        case idle, head, body, busy
    }

    /// Request heads read whose response has not ended.
    private var requestsInFlight = 0
    /// A head was read and its end not yet.
    private var readingBody = false
    /// A request head is owed: the connection is new, or bytes of a head arrived since the last head was read.
    private var owesHead = true
    /// Bytes of the owed head arrived (a new connection that sent nothing has none).
    private(set) var headBytesArrived = false

    /// Raw bytes arrived (before decoding).
    mutating func bytesRead() {
        guard !readingBody else { return }
        owesHead = true
        headBytesArrived = true
    }

    mutating func headRead() {
        owesHead = false
        headBytesArrived = false
        readingBody = true
        requestsInFlight += 1
    }

    mutating func endRead() {
        readingBody = false
    }

    mutating func responseEnded() {
        requestsInFlight = max(0, requestsInFlight - 1)
    }

    var phase: Phase {
        if readingBody { return requestsInFlight <= 1 ? .body : .busy }
        if requestsInFlight > 0 { return .busy }
        return owesHead ? .head : .idle
    }

    /// The body being read belongs to a request a route is handling (its response not sent yet), so the route can
    /// still answer.
    var routeAwaitsBody: Bool { readingBody && requestsInFlight == 1 }

    /// No request is being read or answered: an error now concerns the next request head alone.
    var isBetweenRequests: Bool { !readingBody && requestsInFlight == 0 }
}
