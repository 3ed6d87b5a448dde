/// What an HTTP/1 connection is waiting for, from what it read and wrote; decides which deadline applies.
///
/// ```
/// connected ─▶ idle ─(a byte)─▶ head ─(head read)─▶ body ─(end read)─▶ busy ─(response ended)─▶ idle ...
/// ```
/// - `head`: the client owes the rest of a request head whose first bytes arrived.
/// - `body`: the client owes the rest of a body the server is waiting for (or that follows a response already sent).
/// - `busy`: the server owes a response; no deadline (a streamed answer may run for minutes).
/// - `idle`: a connection with nothing owed either way: a kept-alive one, or a new one that has sent nothing yet
///   (clients' pools open connections ahead of use; closing those sooner than kept-alive ones would race the
///   client's first request on them).
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
    /// Bytes of a request head arrived since the last head was read.
    private var headStarted = false
    /// How many bytes arrived since the last head was read (or the connection opened): at least the size of the
    /// head being read, so a head refused while this is within the byte limit was refused for another limit.
    private(set) var headBytes = 0

    /// Raw bytes arrived (before decoding).
    mutating func bytesRead(_ count: Int = 1) {
        guard !readingBody else { return }
        headStarted = true
        headBytes = headBytes.addingReportingOverflow(count).overflow ? .max : headBytes + count
    }

    mutating func headRead() {
        headStarted = false
        headBytes = 0
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
        return headStarted ? .head : .idle
    }

    /// The body being read belongs to a request a route is handling (its response not sent yet), so the route can
    /// still answer.
    var routeAwaitsBody: Bool { readingBody && requestsInFlight == 1 }

    /// No request is being read or answered: an error now concerns the next request head alone.
    var isBetweenRequests: Bool { !readingBody && requestsInFlight == 0 }

    /// A response is still owed (or being written) for a request read earlier.
    var owesResponse: Bool { requestsInFlight > 0 }
}
