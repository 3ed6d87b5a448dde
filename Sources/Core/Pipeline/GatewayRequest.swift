public import HTTPTypes

/// One LLM request as it moves through the pipeline.
///
/// The body is parsed once at the HTTP edge and kept whole (unknown fields included); hooks read and change
/// it here, and the provider serialises what is left. Anthropic requests arrive already translated to the
/// OpenAI chat shape.
public struct GatewayRequest: Sendable {
    /// The id echoed in the `x-request-id` response header and written to the spend log.
    public let id: String
    public let endpoint: Endpoint
    /// The route path as registered (`/v1/chat/completions`, `/key/generate`, `/model/{id}/update`), for
    /// `allowed_routes`. Management and model-list calls are authenticated with an empty body and no `model`.
    public let route: String
    /// The request headers as received (auth hooks read credentials here; never log them).
    public let headers: HTTPFields
    /// The credential from `Authorization: Bearer`, `x-api-key` or `api-key`, if any.
    public let credential: String?
    /// The OpenAI-shaped body: the request itself, or the view of a request in another dialect (``native``).
    public var body: JSON
    /// The request as it arrived, when its dialect is not OpenAI chat's (`/v1/messages`); nil otherwise.
    public var native: NativeRequest?
    /// An OpenAI-dialect body's bytes as received, so that an unchanged body goes upstream as the client's bytes with
    /// only `model` replaced (``ClientBody``). Used only while ``body`` still equals what the bytes parsed into.
    public var clientBody: ClientBody?
    /// The one deployment (its id) that may serve the request: a follow-up of a conversation only that deployment's
    /// upstream holds (a Responses API `previous_response_id` it issued). Routing then picks no other deployment and
    /// falls back to no other group; nil lets routing choose.
    public var pinnedDeploymentID: String?
    /// Who is calling; set by the auth stage.
    public var principal: Principal
    /// Headers hooks add to the response (rate-limit state, cost); the server sends them, on errors too.
    public let responseHeaders: ResponseHeaders
    /// Facts hooks record for the request's log entry.
    public let annotations: RequestAnnotations
    /// The guardrails the policy engine chose; set by a policy plugin before the guardrail hooks run.
    public var policyGuardrails: PolicyGuardrails = .none
    /// When the gateway received the request.
    public let receivedAt: ContinuousClock.Instant
    /// Wall-clock receive time, for logs.
    public let receivedAtDate: Double
    /// Where the request's time goes: hook runs and upstream attempts (``RequestTimeline``), and its spans.
    public let recorder: RequestRecorder

    public init(
        id: String, endpoint: Endpoint, route: String? = nil, headers: HTTPFields = [:], credential: String? = nil, body: JSON,
        principal: Principal = .anonymous, responseHeaders: ResponseHeaders = ResponseHeaders(),
        annotations: RequestAnnotations = RequestAnnotations(),
        receivedAt: ContinuousClock.Instant = .now,
        receivedAtDate: Double, recorder: RequestRecorder? = nil
    ) {
        self.id = id
        self.endpoint = endpoint
        self.route = route ?? endpoint.canonicalPath
        self.headers = headers
        self.credential = credential
        self.body = body
        self.principal = principal
        self.responseHeaders = responseHeaders
        self.annotations = annotations
        self.receivedAt = receivedAt
        self.receivedAtDate = receivedAtDate
        self.recorder = recorder ?? RequestRecorder(origin: receivedAt)
    }

    /// The `model` field of the body.
    public var model: String? { body["model"]?.stringValue }

    /// Whether the client asked for a server-sent-event stream.
    public var isStreaming: Bool { body["stream"]?.boolValue ?? false }

    /// The `user` field of the body (LiteLLM's end user).
    public var endUser: String? { body["user"]?.stringValue }

    /// The request's `metadata.tags` (strings only), for spend tracking and tag budgets.
    public var tags: [String] {
        body["metadata"]?["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
