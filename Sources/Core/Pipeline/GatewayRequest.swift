public import HTTPTypes

/// One LLM request as it moves through the pipeline.
///
/// The body is parsed once at the HTTP edge and kept whole (unknown fields included); hooks read and change
/// it here, and the provider serialises what is left. Anthropic requests arrive already translated to the
/// OpenAI chat shape.
public struct GatewayRequest: Sendable {
    /// The stored properties, behind one reference (``CopiedOnWrite``): a request is copied into every hook call.
    private struct Fields: Sendable {
        let id: String
        let endpoint: Endpoint
        let route: String
        let headers: HTTPFields
        let credential: String?
        var body: JSON
        var native: NativeRequest?
        var clientBody: ClientBody?
        var pinnedDeploymentID: String?
        var principal: Principal
        let responseHeaders: ResponseHeaders
        let annotations: RequestAnnotations
        var policyGuardrails: PolicyGuardrails = .none
        let receivedAt: ContinuousClock.Instant
        let receivedAtDate: Double
        let recorder: RequestRecorder
    }

    @CopiedOnWrite private var fields: Fields

    /// The id echoed in the `x-request-id` response header and written to the spend log.
    public var id: String { fields.id }
    public var endpoint: Endpoint { fields.endpoint }
    /// The route path as registered (`/v1/chat/completions`, `/key/generate`, `/model/{id}/update`), for
    /// `allowed_routes`. Management and model-list calls are authenticated with an empty body and no `model`.
    public var route: String { fields.route }
    /// The request headers as received (auth hooks read credentials here; never log them).
    public var headers: HTTPFields { fields.headers }
    /// The credential from `Authorization: Bearer`, `x-api-key` or `api-key`, if any.
    public var credential: String? { fields.credential }
    /// The OpenAI-shaped body: the request itself, or the view of a request in another dialect (``native``).
    public var body: JSON {
        get { fields.body }
        _modify { yield &fields.body }
    }
    /// The request as it arrived, when its dialect is not OpenAI chat's (`/v1/messages`); nil otherwise.
    public var native: NativeRequest? {
        get { fields.native }
        _modify { yield &fields.native }
    }
    /// An OpenAI-dialect body's bytes as received, so that an unchanged body goes upstream as the client's bytes with
    /// only `model` replaced (``ClientBody``). Used only while ``body`` still equals what the bytes parsed into.
    public var clientBody: ClientBody? {
        get { fields.clientBody }
        _modify { yield &fields.clientBody }
    }
    /// The one deployment (its id) that may serve the request: a follow-up of a conversation only that deployment's
    /// upstream holds (a Responses API `previous_response_id` it issued). Routing then picks no other deployment and
    /// falls back to no other group; nil lets routing choose.
    public var pinnedDeploymentID: String? {
        get { fields.pinnedDeploymentID }
        _modify { yield &fields.pinnedDeploymentID }
    }
    /// Who is calling; set by the auth stage.
    public var principal: Principal {
        get { fields.principal }
        _modify { yield &fields.principal }
    }
    /// Headers hooks add to the response (rate-limit state, cost); the server sends them, on errors too.
    public var responseHeaders: ResponseHeaders { fields.responseHeaders }
    /// Facts hooks record for the request's log entry.
    public var annotations: RequestAnnotations { fields.annotations }
    /// The guardrails the policy engine chose; set by a policy plugin before the guardrail hooks run.
    public var policyGuardrails: PolicyGuardrails {
        get { fields.policyGuardrails }
        _modify { yield &fields.policyGuardrails }
    }
    /// When the gateway received the request.
    public var receivedAt: ContinuousClock.Instant { fields.receivedAt }
    /// Wall-clock receive time, for logs.
    public var receivedAtDate: Double { fields.receivedAtDate }
    /// Where the request's time goes: hook runs and upstream attempts (``RequestTimeline``), and its spans.
    public var recorder: RequestRecorder { fields.recorder }

    public init(
        id: String, endpoint: Endpoint, route: String? = nil, headers: HTTPFields = [:], credential: String? = nil, body: JSON,
        principal: Principal = .anonymous, responseHeaders: ResponseHeaders = ResponseHeaders(),
        annotations: RequestAnnotations = RequestAnnotations(),
        receivedAt: ContinuousClock.Instant = .now,
        receivedAtDate: Double, recorder: RequestRecorder? = nil
    ) {
        _fields = CopiedOnWrite(
            wrappedValue: Fields(
                id: id, endpoint: endpoint, route: route ?? endpoint.canonicalPath, headers: headers, credential: credential, body: body,
                principal: principal, responseHeaders: responseHeaders, annotations: annotations, receivedAt: receivedAt,
                receivedAtDate: receivedAtDate, recorder: recorder ?? RequestRecorder(origin: receivedAt)))
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
