import Foundation
public import Logging
public import Tracing

/// Runs one request through the hook points, calls the upstream, and runs the post-call hooks.
///
/// ```
/// request ─▶ auth ─▶ budget.reserve ─▶ tool allowlist ─▶ guardrail.preCall ─▶ routing ─▶ provider
///                                                                                          │
/// response ◀─ log queue ◀─ budget.commit ◀─ guardrail.postCall / inspectChunk ◀────────────┘
/// ```
/// Pre-call hooks run in plugins.json order, post-call hooks in reverse. Any pre-call hook may answer
/// early (``HookDecision/respond(_:)``) or throw a ``GatewayError``. Once a budget hook has reserved, its
/// `commit` runs exactly once: after the last streamed chunk, on every error path, or when the client goes away.
/// Every request that passed auth is logged through the ``LogQueue``. Routing and the provider call are the attempt
/// loop (`CallRecord+Attempts.swift`): retries, `order` levels and fallback groups, per ``RouterSettings``.
/// Every hook run and attempt is recorded in the request's ``RequestRecorder`` (the log event's timeline).
public struct PipelineRunner: Sendable {
    let pipeline: Pipeline
    /// The live models (config plus runtime); read once per request.
    public let models: ModelDirectory
    public let providers: ProviderRegistry
    let logQueue: LogQueue
    let logger: Logger
    /// Retries and fallbacks (config.yaml's `router_settings`).
    let routerSettings: RouterSettings
    /// Waits between retries; tests pass one that records instead of sleeping.
    let sleep: @Sendable (Double) async throws -> Void
    /// Makes the requests' spans; nil when no plugin provides a tracer (no spans, no cost).
    let tracer: (any Tracer)?
    /// Upstream calls in flight per deployment, against `max_parallel_requests`.
    let deploymentSlots: DeploymentSlots

    /// - Parameters:
    ///   - routerSettings: retries and fallbacks; the default retries nothing and has no fallbacks.
    ///   - sleep: waits the given seconds before a retry (throws when the task is cancelled).
    ///   - tracer: the tracer a plugin provides (``PluginComponents/tracer``), if any.
    public init(
        pipeline: Pipeline, models: ModelDirectory, providers: ProviderRegistry, logger: Logger, routerSettings: RouterSettings = RouterSettings(),
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .milliseconds(Int64($0 * 1000))) },
        tracer: (any Tracer)? = nil
    ) {
        self.tracer = tracer
        self.pipeline = pipeline
        self.models = models
        self.providers = providers
        self.logger = logger
        self.routerSettings = routerSettings
        self.sleep = sleep
        self.logQueue = LogQueue(stages: pipeline.logging, logger: logger)
        self.deploymentSlots = DeploymentSlots(defaultLimit: routerSettings.defaultMaxParallelRequests.flatMap { $0 > 0 ? $0 : nil })
    }

    /// The service that runs logging hooks; the server must run it.
    public var logService: LogQueue { logQueue }

    /// Serves one LLM request.
    ///
    /// With a tracer the request gets a server span (the client's `traceparent` as its parent), ended when its record
    /// is finished. When an admin asks with `x-tollgate-debug: true`, the decision trace of everything up to the
    /// answer (the first chunk, for a stream) or the error goes into the `x-tollgate-debug` response header.
    /// - Returns: a complete body or a stream of chunks.
    /// - Throws: ``GatewayError`` for everything the client should see.
    public func handle(_ incoming: GatewayRequest) async throws -> GatewayResponse {
        let recorder = incoming.recorder
        if let tracer { recorder.startTracing(RequestTracing.start(tracer, request: incoming)) }
        do {
            let response = try await serve(incoming)
            DecisionTrace.write(incoming)
            return response
        } catch {
            DecisionTrace.write(incoming)
            throw error
        }
    }

    private func serve(_ incoming: GatewayRequest) async throws -> GatewayResponse {
        var request = incoming
        do {
            request.principal = try await authenticate(request)
        } catch let refusal as GatewayError {
            request.recorder.tracing?.finish(error: refusal)
            throw refusal
        }
        if request.principal.role == .admin, DecisionTrace.isRequested(by: request) { request.recorder.enableDebug() }
        if let resolved = request.principal.resolvedModel { request.body["model"] = .string(resolved) }
        var call = CallRecord(runner: self, request: request)
        let recorder = request.recorder
        do {
            try RequestValidator.validate(request)
            for stage in pipeline.budget {
                // A reserve that failed under `on_error: allow` held nothing, so it is not committed either.
                let reserved: HookDecision? = try await stage.run(
                    .budgetReserve, recorder: recorder, logger: logger, fallback: nil, decision: { $0?.timelineDecision ?? .proceed }
                ) { try await $0.reserve(call.request) }
                guard let decision = reserved else { continue }
                call.reserved.append(stage)
                if case .respond(let response) = decision { return try await call.finishEarly(response) }
            }
            for stage in pipeline.toolAllowlist {
                let decision = try await stage.run(
                    .toolAllowlist, recorder: recorder, logger: logger, fallback: .proceed, decision: \.timelineDecision
                ) { try await $0.checkTools(call.request) }
                if case .respond(let response) = decision { return try await call.finishEarly(response) }
            }
            for (index, stage) in pipeline.guardrails.enumerated() {
                var changed = call.request
                let decision = try await stage.run(
                    .guardrailPreCall, recorder: recorder, logger: logger, fallback: .proceed, decision: \.timelineDecision
                ) { try await $0.preCall(&changed) }
                call.request = changed
                if case .respond(let response) = decision {
                    // The guardrails that already passed the request still see the answer, in reverse order.
                    return try await call.finishEarly(response, guardrails: Array(pipeline.guardrails[..<index].reversed()))
                }
            }
            return try await call.sendWithAttempts()
        } catch {
            let gatewayError =
                error as? GatewayError
                ?? (StoreError.isUnavailable(error) ? .storageUnavailable() : .internalError("The request failed inside the gateway."))
            await call.finish(error: gatewayError)
            throw gatewayError
        }
    }

    /// Runs the auth hooks alone (for endpoints outside the LLM pipeline, such as `/v1/models`). Each run is recorded
    /// in the request's ``RequestRecorder``.
    /// - Throws: 401 when no hook recognises the credential.
    public func authenticate(_ request: GatewayRequest) async throws -> Principal {
        guard pipeline.hasAuth else { return .anonymous }
        for stage in pipeline.auth {
            let principal = try await stage.run(
                .auth, recorder: request.recorder, logger: logger, fallback: nil, decision: { $0 == nil ? .skipped : .proceed }
            ) { try await $0.authenticate(request) }
            if let principal { return principal }
        }
        throw GatewayError.unauthorized(request.credential == nil ? "Missing API key. Send it as 'Authorization: Bearer <key>'." : "Invalid API key.")
    }

    /// The candidates of one attempt: `group` (a model group's deployments for the caller's team, `order` first) as
    /// the routing hooks filter and order it, in plugins.json order. Asked again before every attempt, so a cooldown
    /// a hook recorded after a failure applies to the retry.
    /// - Throws: a routing hook's rejection (e.g. every deployment at its rate limit).
    func candidates(for request: GatewayRequest, group: [Deployment]) async throws -> [Deployment] {
        var candidates = group
        for stage in pipeline.routing {
            let current = candidates
            candidates = try await stage.run(.routing, recorder: request.recorder, logger: logger, fallback: current) {
                try await $0.route(request, candidates: current)
            }
        }
        return candidates
    }

    func provider(for deployment: Deployment) throws -> any Provider {
        guard let provider = providers.provider(for: deployment) else {
            throw GatewayError.internalError("No provider for '\(deployment.provider)/'.")
        }
        return provider
    }

    /// Tells the routing hooks an attempt is starting.
    func startRouting(_ deployment: Deployment) async {
        for stage in pipeline.routing { await stage.hook.started(deployment) }
    }

    /// Tells the routing hooks how an attempt ended (once per ``startRouting(_:)``), and gives back the attempt's
    /// deployment slot.
    func recordRouting(_ deployment: Deployment, outcome: CallOutcome) async {
        deploymentSlots.release(deployment)
        for stage in pipeline.routing { await stage.hook.record(deployment, outcome: outcome) }
    }
}
