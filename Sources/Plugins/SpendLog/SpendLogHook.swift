import GatewayCore

/// The logging hook: turns each finished request into a spend-log row.
struct SpendLogHook: LoggingHook {
    let writer: SpendLogWriter

    func log(_ event: RequestLogEvent) async {
        await writer.add(Self.entry(for: event))
    }

    /// The row of one request. Its metadata carries `usage_object`, the usage in OpenAI's shape with the cached,
    /// cache-write and reasoning tokens (as LiteLLM's rows do), when the call reported or was estimated a usage; a
    /// failure's metadata carries `error_information` (``SpendLogErrorInformation``). Every row carries
    /// `decision_trace`, the request's per-plugin decisions and upstream attempts (retries, fallbacks) in the shape
    /// of the `x-tollgate-debug` header (``DecisionTrace``), so a request can be explained after the fact.
    static func entry(for event: RequestLogEvent) -> SpendLogEntry {
        let outcome = event.outcome
        let principal = event.principal
        var own: [String: JSON] = [
            "streamed": .bool(event.streamed), "principal": .string(principal.subject), "usage_estimated": .bool(outcome.usage?.isEstimate ?? false),
        ]
        if let usage = outcome.usage { own["usage_object"] = usage.openAIJSON }
        own["decision_trace"] = DecisionTrace.json(event.timeline)
        if let error = outcome.error { own["error_information"] = SpendLogErrorInformation.json(error, provider: outcome.deployment?.provider) }
        return SpendLogEntry(
            requestID: event.requestID, callType: event.endpoint.rawValue, startTime: event.startTime, endTime: event.endTime,
            keyHash: principal.keyHash, userID: principal.userID, teamID: principal.teamID, endUser: principal.endUserID,
            organizationID: principal.organizationID, projectID: principal.projectID, tags: event.tags,
            model: event.requestedModel ?? "", deploymentID: outcome.deployment?.id, provider: outcome.deployment?.provider,
            promptTokens: outcome.usage?.promptTokens ?? 0, completionTokens: outcome.usage?.completionTokens ?? 0, spend: outcome.cost,
            status: outcome.succeeded ? "success" : "failure", errorCode: outcome.error?.code,
            metadata: .object(event.annotations.merging(own) { _, own in own }), responseID: outcome.responseID)
    }
}
