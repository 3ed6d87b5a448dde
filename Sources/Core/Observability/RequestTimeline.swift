/// Where one request's time went: every hook a plugin ran and every upstream attempt, in the order they happened.
///
/// The pipeline records it as the request runs and the ``RequestLogEvent`` carries it, so the logging plugins read
/// plugin latency per hook point (metrics), upstream time and gateway overhead (metrics, logs), and the answer to
/// `x-tollgate-debug` (which plugins ran, what each decided and why, how long each took) from one place.
public struct RequestTimeline: Sendable {
    public var hooks: [HookRun]
    public var attempts: [AttemptRun]

    public init(hooks: [HookRun] = [], attempts: [AttemptRun] = []) {
        self.hooks = hooks
        self.attempts = attempts
    }

    /// Time spent in upstream calls, every attempt summed.
    public var upstreamTime: Duration { attempts.reduce(.zero) { $0 + $1.duration } }
}

/// A hook point of the pipeline.
public enum HookPoint: String, Sendable, CaseIterable {
    case auth
    case budgetReserve = "budget_reserve"
    case toolAllowlist = "tool_allowlist"
    case guardrailPreCall = "guardrail_pre_call"
    case routing
    case guardrailPostCall = "guardrail_post_call"
    case budgetCommit = "budget_commit"
}

/// One plugin's hook run on one request.
///
/// Every run of a hook method that decides or may fail is recorded: auth (every auth hook tried), budget reserve and
/// commit, tool allowlist, guardrail pre- and post-call, routing (once per attempt). A guardrail's per-chunk
/// inspection of a stream is not recorded (the timeline would grow with the stream).
public struct HookRun: Sendable {
    /// What the hook decided.
    public enum Decision: String, Sendable {
        /// Let the request go on (an auth hook that recognised the caller, a guardrail that passed it).
        case proceed
        /// Did not apply (an auth hook that did not recognise the credential).
        case skipped
        /// Answered the request itself (a cached answer, a mock).
        case responded
        /// Refused the request with a ``GatewayError``.
        case rejected
        /// Failed (not a decision); `on_error` decided what happened next.
        case failed
    }

    public var point: HookPoint
    public var pluginID: String
    public var decision: Decision
    /// Why, when the hook said: a rejection's message, a plugin failure's error. Never a credential or content.
    public var reason: String?
    /// From the request's arrival to the hook's start.
    public var startOffset: Duration
    public var duration: Duration

    public init(point: HookPoint, pluginID: String, decision: Decision, reason: String? = nil, startOffset: Duration, duration: Duration) {
        self.point = point
        self.pluginID = pluginID
        self.decision = decision
        self.reason = reason
        self.startOffset = startOffset
        self.duration = duration
    }
}

/// One call to a deployment on behalf of the request (a retry or fallback is another).
public struct AttemptRun: Sendable {
    public var deploymentID: String
    /// The model group the attempt served (differs from the requested one after a fallback).
    public var modelGroup: String
    /// 1 for the first call of the request.
    public var number: Int
    /// From the request's arrival to the call's start.
    public var startOffset: Duration
    /// Until the complete answer, the last chunk of a stream, or the failure.
    public var duration: Duration
    /// For a stream that sent its first chunk.
    public var timeToFirstToken: Duration?
    /// The HTTP status the attempt ended with, as the client would see it (200 on success, 502 for an upstream 5xx,
    /// the upstream's 429 or 4xx); nil when the upstream never answered (unreachable, timed out).
    public var status: Int?
    /// The failure, in the words the client would see; nil on success.
    public var error: String?

    public init(
        deploymentID: String, modelGroup: String, number: Int, startOffset: Duration, duration: Duration, timeToFirstToken: Duration? = nil,
        status: Int? = nil, error: String? = nil
    ) {
        self.deploymentID = deploymentID
        self.modelGroup = modelGroup
        self.number = number
        self.startOffset = startOffset
        self.duration = duration
        self.timeToFirstToken = timeToFirstToken
        self.status = status
        self.error = error
    }
}
