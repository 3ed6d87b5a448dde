import HTTPTypes
import Synchronization
import Tracing

/// Records one request's ``RequestTimeline`` as it runs and, when a tracer is set up, its spans.
///
/// The server makes one per request with ``GatewayRequest`` (it is a reference, so the copies of the request that
/// hooks see all write to it). Each hook run costs two clock reads and one append under a lock; each upstream attempt
/// the same. Spans are made only after ``startTracing(_:)``: without a tracer the cost of tracing is a nil check.
/// The log event carries the finished timeline (``timeline``), and the decision trace (`x-tollgate-debug`) is
/// rendered from it.
public final class RequestRecorder: Sendable {
    /// The request's arrival: every offset in the timeline is measured from it.
    public let origin: ContinuousClock.Instant
    private let state: Mutex<State>

    private struct State: Sendable {
        var timeline = RequestTimeline()
        var tracing: RequestTracing?
        var debug = false
    }

    public init(origin: ContinuousClock.Instant = .now) {
        self.origin = origin
        state = Mutex(State())
    }

    /// What has been recorded so far.
    public var timeline: RequestTimeline { state.withLock { $0.timeline } }

    /// Whether the response carries the decision trace (an admin asked with `x-tollgate-debug: true`).
    public var isDebugging: Bool { state.withLock { $0.debug } }

    /// Turns the decision trace on; the runner calls it once the caller is known to be an admin.
    func enableDebug() { state.withLock { $0.debug = true } }

    // MARK: Tracing

    /// The request's span and tracer, once started.
    var tracing: RequestTracing? { state.withLock { $0.tracing } }

    /// Makes the following hook runs and attempts children of the request's span.
    func startTracing(_ tracing: RequestTracing) { state.withLock { $0.tracing = tracing } }

    // MARK: Hook runs

    /// Notes a hook about to run: the clock read the run is measured from, and its span (with a tracer).
    func beginHook(_ point: HookPoint, pluginID: String) -> HookStart {
        let span = tracing?.startHookSpan(point, pluginID: pluginID)
        return HookStart(point: point, pluginID: pluginID, startedAt: .now, span: span)
    }

    /// Records how a hook run ended and ends its span.
    func endHook(_ start: HookStart, decision: HookRun.Decision, reason: String? = nil) {
        let now = ContinuousClock.now
        let run = HookRun(
            point: start.point, pluginID: start.pluginID, decision: decision, reason: reason, startOffset: start.startedAt - origin,
            duration: now - start.startedAt)
        state.withLock { $0.timeline.hooks.append(run) }
        if let span = start.span { RequestTracing.end(span, hook: run) }
    }

    // MARK: Attempts

    /// Notes an upstream call about to be made and starts its span (with a tracer).
    /// - Returns: the handle ``endAttempt(_:status:error:timeToFirstToken:)`` and the upstream headers need.
    func beginAttempt(_ deployment: Deployment, number: Int) -> AttemptStart {
        let span = tracing?.startAttemptSpan(deployment, number: number)
        let startedAt = ContinuousClock.now
        let index = state.withLock { state in
            state.timeline.attempts.append(
                AttemptRun(
                    deploymentID: deployment.id, modelGroup: deployment.modelName, number: number, startOffset: startedAt - origin,
                    duration: .zero))
            return state.timeline.attempts.count - 1
        }
        return AttemptStart(index: index, startedAt: startedAt, span: span)
    }

    /// Records that the attempt's stream sent its first chunk (the attempt goes on until the stream ends).
    func firstChunk(_ attempt: AttemptStart, timeToFirstToken: Duration) {
        state.withLock { state in
            state.timeline.attempts[attempt.index].timeToFirstToken = timeToFirstToken
            state.timeline.attempts[attempt.index].duration = timeToFirstToken
            state.timeline.attempts[attempt.index].status = 200
        }
    }

    /// Records how an attempt ended (a complete answer, a failure, a stream's end) and ends its span.
    func endAttempt(_ attempt: AttemptStart, error: GatewayError?) {
        let duration = ContinuousClock.now - attempt.startedAt
        let status = error.map(Self.status(of:)) ?? 200
        state.withLock { state in
            state.timeline.attempts[attempt.index].duration = duration
            state.timeline.attempts[attempt.index].status = status
            state.timeline.attempts[attempt.index].error = error?.message
        }
        if let span = attempt.span { RequestTracing.end(span, status: status, error: error) }
    }

    /// The status a failed attempt ended with, as the client would see it; nil when the upstream never answered.
    private static func status(of error: GatewayError) -> Int? {
        switch error.code {
        case "upstream_unreachable", "upstream_timeout": nil
        default: Int(error.status.code)
        }
    }
}

/// A hook run in progress.
struct HookStart: Sendable {
    let point: HookPoint
    let pluginID: String
    let startedAt: ContinuousClock.Instant
    let span: (any Span)?
}

/// An upstream attempt in progress.
struct AttemptStart: Sendable {
    /// Its place in ``RequestTimeline/attempts``.
    let index: Int
    let startedAt: ContinuousClock.Instant
    /// Its client span, whose context goes upstream in `traceparent`.
    let span: (any Span)?
}
