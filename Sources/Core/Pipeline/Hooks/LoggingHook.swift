/// Receives one ``RequestLogEvent`` per finished request: spend logs, metrics, callbacks, audit.
///
/// Never runs on the request path: the pipeline queues the event and a background service hands it to each
/// logging hook in plugins.json order. A slow logger delays only other logs. The queue is drained on graceful
/// shutdown, so an acknowledged request's log is written before the process exits.
public protocol LoggingHook: PipelineHook {
    func log(_ event: RequestLogEvent) async
}

/// Everything known about a finished request. Carries no credential.
public struct RequestLogEvent: Sendable {
    public var requestID: String
    public var endpoint: Endpoint
    /// The `model` the client asked for.
    public var requestedModel: String?
    public var principal: Principal
    public var outcome: CallOutcome
    /// Wall-clock seconds since 1970 when the request arrived and when it ended.
    public var startTime: Double
    public var endTime: Double
    public var streamed: Bool
    /// The request's `metadata.tags`.
    public var tags: [String]
    /// What hooks recorded about the request (``RequestAnnotations``).
    public var annotations: [String: JSON]
    /// Each hook run and upstream attempt, with their durations.
    public var timeline: RequestTimeline

    public init(
        requestID: String, endpoint: Endpoint, requestedModel: String?, principal: Principal, outcome: CallOutcome, startTime: Double,
        endTime: Double, streamed: Bool, tags: [String] = [], annotations: [String: JSON] = [:], timeline: RequestTimeline = RequestTimeline()
    ) {
        self.timeline = timeline
        self.requestID = requestID
        self.endpoint = endpoint
        self.requestedModel = requestedModel
        self.principal = principal
        self.outcome = outcome
        self.startTime = startTime
        self.endTime = endTime
        self.streamed = streamed
        self.tags = tags
        self.annotations = annotations
    }
}
