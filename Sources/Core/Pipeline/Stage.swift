import Logging

/// One hook in a hook point's array, with the plugin it came from and what to do when it fails.
///
/// A ``GatewayError`` from a hook is a decision (reject) and always propagates. Any other error is a plugin
/// failure: with `on_error: deny` the request fails closed with a 500 naming the plugin; with `allow` it is
/// logged and the hook's `fallback` result is used, as if the hook had passed. A store that cannot be reached
/// (``StoreError/unavailable(_:)``) is neither: the hook could not decide, so the request is answered 503
/// `storage_unavailable` whatever `on_error` says (never a 401 or a 500, never waved through).
///
/// Every run is recorded in the request's ``RequestRecorder`` (a ``HookRun``: decision, reason, timing; a span
/// with a tracer), so the timeline and the decision trace see exactly what the pipeline did.
struct Stage<Hook: Sendable>: Sendable {
    let hook: Hook
    let pluginID: String
    let failurePolicy: FailurePolicy

    /// Runs the hook and records the run.
    /// - Parameters:
    ///   - point: the hook point, for the timeline.
    ///   - recorder: the request's recorder.
    ///   - fallback: the result under `on_error: allow` when the hook fails.
    ///   - decision: what a result means (an auth hook's nil is `skipped`, a pre-call hook's `respond` is `responded`).
    func run<Result>(
        _ point: HookPoint, recorder: RequestRecorder, logger: Logger, fallback: Result,
        decision: (Result) -> HookRun.Decision = { _ in .proceed }, _ body: (Hook) async throws -> Result
    ) async throws -> Result {
        let start = recorder.beginHook(point, pluginID: pluginID)
        do {
            let result = try await body(hook)
            recorder.endHook(start, decision: decision(result))
            return result
        } catch let rejection as GatewayError {
            recorder.endHook(start, decision: .rejected, reason: rejection.message)
            throw rejection
        } catch let outage as StoreError where outage.isUnavailable {
            recorder.endHook(start, decision: .rejected, reason: outage.message)
            throw GatewayError.storageUnavailable()
        } catch {
            let failure = String(describing: error)
            logger.error("plugin failed", metadata: ["plugin": .string(pluginID), "error": .string(failure)])
            recorder.endHook(start, decision: .failed, reason: failure)
            switch failurePolicy {
            case .allow: return fallback
            case .deny: throw GatewayError.internalError("Plugin '\(pluginID)' failed; the request was not processed.")
            }
        }
    }

    /// Runs the hook without recording it: for hooks that run per streamed chunk, whose runs would grow the
    /// timeline with the stream.
    func run<Result>(logger: Logger, fallback: Result, _ body: (Hook) async throws -> Result) async throws -> Result {
        do {
            return try await body(hook)
        } catch let decision as GatewayError {
            throw decision
        } catch let outage as StoreError where outage.isUnavailable {
            throw GatewayError.storageUnavailable()
        } catch {
            logger.error("plugin failed", metadata: ["plugin": .string(pluginID), "error": .string(String(describing: error))])
            switch failurePolicy {
            case .allow: return fallback
            case .deny: throw GatewayError.internalError("Plugin '\(pluginID)' failed; the request was not processed.")
            }
        }
    }

    /// Runs a hook call that cannot fail (a budget commit) and records it.
    func observe(_ point: HookPoint, recorder: RequestRecorder, _ body: (Hook) async -> Void) async {
        let start = recorder.beginHook(point, pluginID: pluginID)
        await body(hook)
        recorder.endHook(start, decision: .proceed)
    }
}

extension HookDecision {
    /// The timeline's word for this decision.
    var timelineDecision: HookRun.Decision {
        switch self {
        case .proceed: .proceed
        case .respond: .responded
        }
    }
}
