import Foundation
import HTTPTypes

/// The state of one request after auth: what budget hooks reserved and how the call went. Finishing it
/// commits the reservations (reverse order) and queues the log event, exactly once, whatever number of attempts
/// the request took (with the deployment that answered, or the last one tried).
struct CallRecord: Sendable {
    let runner: PipelineRunner
    var request: GatewayRequest
    var reserved: [Stage<any BudgetHook>] = []
    var outcome = CallOutcome()
    /// The streamed attempt that answered, until its end is recorded.
    var streamAttempt: StreamAttempt?

    init(runner: PipelineRunner, request: GatewayRequest) {
        self.runner = runner
        self.request = request
    }

    /// The upstream call of one attempt: the request's body with the deployment's model and default parameters.
    /// - Parameter headers: the trace context for the upstream (`traceparent`).
    /// - Parameter speaks: the dialects the deployment's provider speaks natively (``Provider/nativeDialects``).
    /// - Throws: 400 `unsupported_params` when the call is translated and the request's native body has fields the
    ///   translation cannot carry (``NativeRequest/untranslated``) that `drop_params` does not drop.
    func upstreamCall(for deployment: Deployment, headers: [(String, String)] = [], speaks: Set<Dialect> = []) throws -> UpstreamCall {
        var body = request.body
        body["model"] = .string(deployment.upstreamModel)
        var addedFields = false
        for (key, value) in deployment.upstreamDefaults where body[key] == nil {
            body[key] = value
            addedFields = true
        }
        // Ask for usage on streams (chat and legacy completions both take it) so spend is exact; the usage chunk is
        // hidden from clients that did not ask.
        if request.isStreaming, request.endpoint.operation != .embeddings, body["stream_options"]?["include_usage"]?.boolValue != true {
            var options = body["stream_options"] ?? .object([:])
            options["include_usage"] = true
            body["stream_options"] = options
            addedFields = true
        }
        var call = UpstreamCall(operation: request.endpoint.operation, deployment: deployment, body: body, requestID: request.id, headers: headers)
        if !addedFields, let client = request.clientBody, request.body == client.parsed {
            call.bodyBytes = client.bytes(withModel: deployment.upstreamModel)
        }
        call.native = nativeBody(for: deployment, speaks: speaks)
        call.clientDialect = Self.openAIDialect(of: request.endpoint)
        call.dropsUnsupportedParams = deployment.dropParams ?? runner.routerSettings.dropParams
        call.answerIsRead = !runner.pipeline.guardrailsReversed.isEmpty
        // Translated (the deployment does not speak the dialect, or a hook changed the view in a way the native body
        // cannot carry): what the view lacks would be lost.
        if let native = request.native, call.native == nil, !call.dropsUnsupportedParams, let field = native.untranslated.first {
            let why =
                speaks.contains(native.dialect)
                ? "a hook changed the request in a way only the translation can carry" : "its provider does not speak \(native.dialect)"
            throw GatewayError.badRequest(
                "'\(field)' of this \(native.dialect) request cannot be sent to '\(deployment.modelName)': \(why). "
                    + "Remove it, or set drop_params: true (litellm_settings, or the deployment's litellm_params) to drop it.",
                param: field, code: "unsupported_params")
        }
        return call
    }

    /// The OpenAI dialect a client of `endpoint` speaks; nil for endpoints whose answers are translated at the edge.
    static func openAIDialect(of endpoint: Endpoint) -> Dialect? {
        switch endpoint {
        case .chatCompletions: .openAIChat
        case .completions: .openAICompletions
        case .embeddings: .openAIEmbeddings
        default: nil
        }
    }

    /// The request in its own dialect for `deployment`, when its provider speaks that dialect and the hooks' changes
    /// to the view carry over (``NativeRequest/upstreamBody(view:)``); nil sends the view, translated.
    private func nativeBody(for deployment: Deployment, speaks: Set<Dialect>) -> NativeBody? {
        guard let native = request.native, speaks.contains(native.dialect), var json = native.upstreamBody(view: request.body) else {
            return nil
        }
        json["model"] = .string(deployment.upstreamModel)
        // litellm_params defaults the client left out, under the dialect's own name for the same parameter.
        let names = Self.nativeParamNames[native.dialect] ?? [:]
        for (key, value) in deployment.upstreamDefaults {
            guard let name = names[key], json[name] == nil else { continue }
            json[name] = value
        }
        return NativeBody(dialect: native.dialect, json: json, headers: native.headers)
    }

    /// Per dialect, the `litellm_params` request parameters (OpenAI chat's names) it has, and its name for each:
    /// a deployment's defaults apply to a native body for these only (the Responses API rejects `max_tokens`).
    static let nativeParamNames: [Dialect: [String: String]] = [
        .anthropicMessages: ["max_tokens": "max_tokens", "temperature": "temperature", "top_p": "top_p", "top_k": "top_k"],
        .openAIResponses: [
            "max_tokens": "max_output_tokens", "max_completion_tokens": "max_output_tokens", "temperature": "temperature", "top_p": "top_p",
        ],
    ]

    /// Runs the post-call hooks on the answer of the attempt that succeeded.
    ///
    /// Mutating so that the usage of a call that was made survives a post-call rejection: the caller's error path
    /// commits this record, and the upstream call was paid for either way.
    /// - Parameter attempt: for a stream, the attempt whose end the routing hooks hear of when the stream ends.
    mutating func deliver(_ response: GatewayResponse, from deployment: Deployment, attempt: StreamAttempt?) async throws -> GatewayResponse {
        outcome.deployment = deployment
        switch response {
        case .json, .native:
            // The id the client sees: a native answer's own (`msg_...`), else the view's. Both read as members, so an
            // answer relayed as the upstream's bytes is not parsed for them.
            if case .native(let answer) = response {
                noteResponseID(answer.bodyMember("id"))
            } else {
                noteResponseID(response.completeViewMember("id"))
            }
            outcome.usage =
                request.endpoint == .rerank ? Usage(rerank: response.completeView ?? [:]) : Usage(openAI: response.completeViewMember("usage"))
            outcome.cost = outcome.usage.map(deployment.cost(of:)) ?? 0
            request.responseHeaders.set(Self.costHeader, String(outcome.cost))
            return try await finish(response, guardrails: runner.pipeline.guardrailsReversed)
        case .stream(let chunks):
            streamAttempt = attempt
            outcome.timeToFirstToken = attempt?.timeToFirstToken
            let clientWantsStreamUsage = request.body["stream_options"]?["include_usage"]?.boolValue ?? false
            return .stream(
                StreamObserver.observe(
                    chunks, record: self, guardrails: runner.pipeline.guardrailsReversed, passUsageToClient: clientWantsStreamUsage))
        }
    }

    /// Keeps the answer's `id` as the client will see it (``CallOutcome/responseID``); the first one noted wins.
    /// `/v1/messages` renders an OpenAI id with a `msg_` prefix (``Dialect/anthropicMessageID(forOpenAI:)``);
    /// a native Anthropic id (`msg_...`) is kept as it is.
    /// - Parameter json: a complete body or a stream chunk, in OpenAI's shape, or a native answer.
    mutating func noteResponseID(of json: JSON) {
        noteResponseID(json["id"])
    }

    /// As ``noteResponseID(of:)``, given the `id` member itself.
    mutating func noteResponseID(_ member: JSON?) {
        guard outcome.responseID == nil, let id = member?.stringValue, !id.isEmpty, id.count <= CallOutcome.maxResponseIDLength else {
            return
        }
        outcome.responseID = request.endpoint == .anthropicMessages ? Dialect.anthropicMessageID(forOpenAI: id) : id
    }

    /// Tells the routing hooks how the streamed attempt ended (its last chunk passed, it failed, or the client left).
    func recordStreamEnd(error: GatewayError?) async {
        guard let attempt = streamAttempt else { return }
        request.recorder.endAttempt(attempt.recorded, error: error)
        var routed = CallOutcome(deployment: attempt.deployment, usage: outcome.usage, cost: outcome.cost, error: error)
        routed.latency = ContinuousClock.now - attempt.startedAt
        routed.timeToFirstToken = attempt.timeToFirstToken
        routed.attempts = attempt.number
        await runner.recordRouting(attempt.deployment, outcome: routed)
    }

    /// A hook answered early: the guardrails that already ran their pre-call part (given in reverse order) see the
    /// answer as they would an upstream's, then the record is finished (after the last chunk, for a stream).
    func finishEarly(
        _ response: GatewayResponse, guardrails: [Stage<any GuardrailHook>] = []
    ) async throws -> GatewayResponse {
        switch response {
        case .json, .native:
            return try await finish(response, guardrails: guardrails)
        case .stream(let chunks):
            return .stream(StreamObserver.observe(chunks, record: self, guardrails: guardrails, passUsageToClient: true))
        }
    }

    /// Runs the post-call guardrails on a complete answer's view, then finishes the record. A native answer gets the
    /// guardrails' changes carried over; when they cannot be, the view is answered (translated by the route) rather
    /// than what a guardrail changed. A guardrail that throws leaves the record unfinished for the caller's error path.
    private func finish(_ response: GatewayResponse, guardrails: [Stage<any GuardrailHook>]) async throws -> GatewayResponse {
        guard !guardrails.isEmpty else {
            // No hook reads the answer: it goes out as it came (a native answer unparsed).
            await finish(error: nil)
            return response
        }
        var json = response.completeView ?? [:]
        let request = self.request
        for stage in guardrails {
            var changed = json
            try await stage.run(.guardrailPostCall, recorder: request.recorder, logger: runner.logger, fallback: ()) {
                try await $0.postCall(request, response: &changed)
            }
            json = changed
        }
        await finish(error: nil)
        guard case .native(let answer) = response else { return .json(json) }
        return answer.carryingOver(json).map(GatewayResponse.native) ?? .json(json)
    }

    /// The cost in USD of a complete (non-streamed) response, under LiteLLM's header name.
    static let costHeader = HTTPField.Name("x-litellm-response-cost")!

    /// Commits reservations in reverse order, ends the request's span and queues the log event with the timeline.
    func finish(error: GatewayError?) async {
        var outcome = outcome
        outcome.error = error
        if let attempt = streamAttempt { outcome.latency = ContinuousClock.now - attempt.startedAt }
        let recorder = request.recorder
        for stage in reserved.reversed() {
            await stage.observe(.budgetCommit, recorder: recorder) { await $0.commit(request, outcome: outcome) }
        }
        recorder.tracing?.finish(request, outcome: outcome)
        guard runner.logQueue.isActive else { return }
        runner.logQueue.enqueue(
            RequestLogEvent(
                requestID: request.id, endpoint: request.endpoint, requestedModel: request.model, principal: request.principal, outcome: outcome,
                startTime: request.receivedAtDate, endTime: Date().timeIntervalSince1970, streamed: request.isStreaming,
                tags: request.tags, annotations: request.annotations.all, timeline: recorder.timeline))
    }
}

/// A streamed attempt that was committed (its first chunk went to the client): what the routing hooks are told when
/// the stream ends.
struct StreamAttempt: Sendable {
    let deployment: Deployment
    let startedAt: ContinuousClock.Instant
    let timeToFirstToken: Duration
    /// Which call of the request this was (1 for the first).
    let number: Int
    /// Its entry in the request's timeline (and its span), ended when the stream ends.
    let recorded: AttemptStart
}
