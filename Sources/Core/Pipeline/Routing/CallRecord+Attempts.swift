/// The attempt loop: routing and the upstream call, with retries, `order` levels and fallback groups.
///
/// ```
/// for each group (requested, then fallbacks ─ FallbackChain):
///     for each order level (lowest first ─ OrderLevels):
///         ask the routing hooks for candidates, keep the level's ─ untried first ─ call one
///         retryable failure: next untried deployment of the level at once, else retry after a backoff
///                            (up to num_retries), else the next level
///         a deployment at its max_parallel_requests (DeploymentSlots) is skipped (none left anywhere: 429)
///     every level failed retryably ─ the group's fallbacks; context window / content policy ─ their fallbacks
///     any other failure ─ the client sees it at once
/// ```
/// A stream is committed when its first chunk arrived; a failure before that is an attempt failure like any other.
/// Each attempt is announced to the routing hooks (`started`) and recorded once (`record`). The record of the request
/// (budget commit, spend log) is finished once, by the caller, whatever the number of attempts.
extension CallRecord {
    /// How one group ended.
    private enum GroupResult {
        case answered(GatewayResponse)
        /// The last failure of the group and how it failed.
        case failed(GatewayError, FailureKind)
        /// No deployment could be called (none left by the routing hooks, or a hook refused).
        case unavailable(GatewayError)
    }

    /// Routes the request and calls deployments until one answers.
    /// - Returns: the answer, post-call hooks applied (a stream is wrapped and runs them as it goes).
    /// - Throws: the failure the client should see: the last upstream failure, or why nothing could be called.
    mutating func sendWithAttempts() async throws -> GatewayResponse {
        let primary = request.model ?? ""
        let teamID = request.principal.teamID
        let primaryDeployments = runner.models.catalog.deployments(for: primary, teamID: teamID)
        guard !primaryDeployments.isEmpty else {
            throw GatewayError.notFound("The model '\(primary)' does not exist on this gateway.", param: "model", code: "model_not_found")
        }
        let pinned = request.pinnedDeploymentID
        if let pinned, !primaryDeployments.contains(where: { $0.id == pinned }) {
            throw GatewayError.badRequest(
                "The request continues a conversation held by a deployment that does not serve the model '\(primary)' (any more).", param: "model",
                code: "deployment_not_found")
        }
        let requestTimeout = try RequestTimeout.seconds(in: request.headers)
        if let requestTimeout { request.responseHeaders.set(RoutingHeaders.timeout, RequestTimeout.headerValue(requestTimeout)) }
        let requestFallbacks = try RequestFallbacks.take(from: &request.body)
        var chain = FallbackChain(primary: primary, settings: runner.routerSettings, requestFallbacks: requestFallbacks)
        var progress = AttemptProgress()
        var upstreamFailure: GatewayError?
        var unavailable: GatewayError?
        defer { progress.write(to: request.responseHeaders) }
        let principal = request.principal
        let catalog = runner.models.catalog
        let usable = { (group: String) -> Bool in
            // A pinned request stays with its deployment: no fallback group holds its conversation.
            guard pinned == nil || group == primary else { return false }
            let deployments = catalog.deployments(for: group, teamID: teamID)
            // The caller's model access applies to fallback groups as to the requested one.
            return !deployments.isEmpty
                && ModelAccessPolicy.allows(principal.allowedModels, model: group, deployments: deployments, groups: AccessGroupGraph())
        }
        while let group = chain.next(usable: usable) {
            switch try await attemptGroup(group, timeout: requestTimeout, progress: &progress) {
            case .answered(let response):
                runner.models.noteServed(group, teamID: teamID)
                return response
            case .failed(let error, let kind):
                upstreamFailure = error
                guard kind != .final else { throw error }
                chain.failed(group, failure: kind)
            case .unavailable(let error):
                unavailable = unavailable ?? error
                chain.failed(group, failure: .retryable)
            }
        }
        throw upstreamFailure ?? unavailable ?? GatewayError.unavailable("No deployment of '\(primary)' is available right now.")
    }

    /// Tries one group, level by level.
    /// - Parameter timeout: the client's `x-litellm-timeout`, in place of each deployment's `timeout`.
    private mutating func attemptGroup(_ group: String, timeout requestTimeout: Double?, progress: inout AttemptProgress) async throws
        -> GroupResult
    {
        let deployments = runner.models.catalog.deployments(for: group, teamID: request.principal.teamID).filter {
            request.pinnedDeploymentID == nil || $0.id == request.pinnedDeploymentID
        }
        var routed = request
        routed.body["model"] = .string(group)
        var levels = OrderLevels(deployments)
        // A deployment's own `num_retries` (litellm_params) wins over the router's; the group takes the largest.
        let allowedRetries = deployments.compactMap(\.numRetries).max() ?? runner.routerSettings.numRetries
        var lastFailure: GatewayError?
        // Deployments found at their `max_parallel_requests`: left out of this request's later attempts.
        var full: Set<String> = []
        while let level = levels.current {
            var attemptsInLevel = 0
            var retriesInLevel = 0
            var previous: GatewayError?
            while true {
                let candidates: [Deployment]
                do {
                    candidates = try await runner.candidates(for: routed, group: deployments).filter { level.contains($0) && !full.contains($0.id) }
                } catch let refusal as GatewayError {
                    return lastFailure.map { .failed($0, .retryable) } ?? .unavailable(refusal)
                }
                guard !candidates.isEmpty else { break }
                let hasUntried = candidates.contains { !progress.tried.contains($0.id) }
                if attemptsInLevel > 0, !hasUntried, retriesInLevel >= allowedRetries { break }
                guard let deployment = CandidatePicker.pick(candidates, tried: progress.tried, ordered: runner.pipeline.routingOrders) else { break }
                if progress.tried.contains(deployment.id) {
                    // Calling a deployment again: back off first. A sibling not tried yet is called at once.
                    let delay = Backoff.delay(retry: retriesInLevel, upstreamRetryAfter: previous?.retryAfter, settings: runner.routerSettings)
                    retriesInLevel += 1
                    do {
                        try await runner.sleep(delay)
                    } catch {
                        throw previous ?? GatewayError.badRequest("The client closed the connection.", code: "client_disconnected")
                    }
                }
                guard runner.deploymentSlots.acquire(deployment) else {
                    full.insert(deployment.id)
                    continue
                }
                progress.begin(deployment, group: group, firstInLevel: attemptsInLevel == 0)
                attemptsInLevel += 1
                outcome.deployment = deployment
                outcome.attempts = progress.attempts
                var called = deployment
                if let requestTimeout { called.timeout = requestTimeout }
                switch await attempt(called, number: progress.attempts) {
                case .success(let answer):
                    progress.write(to: request.responseHeaders)
                    return .answered(try await deliver(answer.response, from: deployment, attempt: answer.stream))
                case .failure(let error):
                    // A client that went away: no more attempts.
                    if Task.isCancelled { throw error }
                    let kind = FailureKind(error)
                    lastFailure = error
                    previous = error
                    guard kind == .retryable else { return .failed(error, kind) }
                }
            }
            levels.advance()
        }
        if let lastFailure { return .failed(lastFailure, .retryable) }
        if !full.isEmpty { return .unavailable(.deploymentsAtCapacity(group)) }
        return .unavailable(GatewayError.unavailable("No deployment of '\(group)' is available right now."))
    }

    /// Calls one deployment; for a stream, until its first chunk. Tells the routing hooks it started, and how it
    /// ended unless it is a stream that goes on (its end is recorded when the stream ends). The attempt is recorded in
    /// the request's timeline (with a tracer, as a client span whose context goes upstream in `traceparent`).
    private func attempt(_ deployment: Deployment, number: Int) async -> Result<(response: GatewayResponse, stream: StreamAttempt?), GatewayError> {
        await runner.startRouting(deployment)
        let recorder = request.recorder
        let recorded = recorder.beginAttempt(deployment, number: number)
        let startedAt = recorded.startedAt
        var routed = CallOutcome(deployment: deployment)
        routed.attempts = number
        let traceHeaders =
            recorded.span.flatMap { span in recorder.tracing?.upstreamHeaders(for: span) }
            ?? RequestTracing.passThroughHeaders(request.headers)
        do {
            let provider = try runner.provider(for: deployment)
            let response = try await provider.send(
                try upstreamCall(for: deployment, headers: traceHeaders, speaks: provider.nativeDialects(for: deployment)))
            guard case .stream(let chunks) = response else {
                recorder.endAttempt(recorded, error: nil)
                routed.usage = Usage(openAI: response.completeViewMember("usage"))
                routed.cost = routed.usage.map(deployment.cost(of:)) ?? 0
                routed.latency = ContinuousClock.now - startedAt
                await runner.recordRouting(deployment, outcome: routed)
                return .success((response, nil))
            }
            let iterator = IteratorBox(chunks.makeAsyncIterator())
            let first = try await FirstChunk.pull(from: iterator, within: deployment.streamTimeout ?? deployment.timeout, deployment: deployment)
            let timeToFirstToken = ContinuousClock.now - startedAt
            recorder.firstChunk(recorded, timeToFirstToken: timeToFirstToken)
            let streamed = StreamAttempt(
                deployment: deployment, startedAt: startedAt, timeToFirstToken: timeToFirstToken, number: number, recorded: recorded)
            return .success((.stream(Self.replaying(first, then: iterator)), streamed))
        } catch {
            let failure = error as? GatewayError ?? .badGateway("The upstream call failed.")
            recorder.endAttempt(recorded, error: failure)
            routed.error = failure
            routed.retryAfter = failure.retryAfter
            routed.latency = ContinuousClock.now - startedAt
            await runner.recordRouting(deployment, outcome: routed)
            return .failure(failure)
        }
    }

    /// The stream again, from the chunk already read.
    private static func replaying(_ first: StreamChunk?, then iterator: IteratorBox) -> ChunkStream {
        let pending = PendingChunk(first)
        return ChunkStream {
            {
                switch pending.take() {
                case .chunk(let chunk): return chunk
                case .ended: return nil
                case .read: return try await iterator.next()
                }
            }
        }
    }
}

/// The first chunk of a committed stream, handed out once (or the end, when the stream had none: the upstream is not
/// read past its end). Safe because a stream is consumed by one task at a time.
private final class PendingChunk: @unchecked Sendable {
    enum Next {
        case chunk(StreamChunk)
        case ended
        /// Read the upstream.
        case read
    }

    private var next: Next

    init(_ first: StreamChunk?) { next = first.map(Next.chunk) ?? .ended }

    func take() -> Next {
        let current = next
        if case .chunk = current { next = .read }
        return current
    }
}
