import GatewayCore
import Hummingbird
import Logging

/// Answers 503 `overloaded` with `retry-after: 1` at once when the gateway already handles
/// `global_max_parallel_requests` requests, instead of queueing without bound. Health, readiness and metrics are
/// not counted, so probes and scrapes keep answering under overload.
///
/// A request holds its slot until its response is produced; a streamed response (no content length) holds it
/// until its last byte is written, its write fails, or it is dropped unwritten (the client went away first). A
/// complete body is handed to Hummingbird's single-write path as it is: wrapping it would cost every JSON response
/// two more writes.
struct InFlightLimitMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let limiter: InFlightLimiter
    /// Paths answered whatever the load (GET only).
    let exemptPaths: Set<String>
    private let warnings: OverloadWarnings

    /// Seconds the client is told to wait: slots free up as fast as requests end.
    static let retryAfterSeconds = 1.0

    init(limit: Int, exemptPaths: Set<String>, logger: Logger) {
        limiter = InFlightLimiter(limit: limit)
        self.exemptPaths = exemptPaths
        warnings = OverloadWarnings(logger: logger)
    }

    func handle(_ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .get, exemptPaths.contains(request.uri.path) { return try await next(request, context) }
        guard limiter.tryAcquire() else {
            warnings.rejected(limit: limiter.limit)
            var error = GatewayError.overloaded()
            error.retryAfter = Self.retryAfterSeconds
            throw error
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            limiter.release()
            throw error
        }
        guard response.body.contentLength == nil else {
            limiter.release()
            return response
        }
        // Given back as the stream's end is written (a client that saw the end finds the slot free), when its write
        // fails, or when the response is dropped unwritten (the client left first).
        let slot = InFlightSlot(limiter)
        let body = response.body
        var streamed = response
        streamed.body = ResponseBody { writer in
            defer { slot.release() }
            try await body.write(SlotReleasingWriter(parent: writer, slot: slot))
        }
        return streamed
    }
}

/// Passes a stream through, giving its slot back just before the end is written.
private struct SlotReleasingWriter: ResponseBodyWriter {
    var parent: any ResponseBodyWriter
    let slot: InFlightSlot

    @concurrent mutating func write(_ buffer: ByteBuffer) async throws {
        try await parent.write(buffer)
    }

    @concurrent consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
        slot.release()
        try await parent.finish(trailingHeaders)
    }
}
