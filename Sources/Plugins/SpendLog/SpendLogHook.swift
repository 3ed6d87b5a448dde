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
        var entry = SpendLogEntry(
            requestID: event.requestID, callType: event.endpoint.rawValue, startTime: event.startTime, endTime: event.endTime,
            keyHash: principal.keyHash, userID: principal.userID, teamID: principal.teamID, endUser: principal.endUserID,
            organizationID: principal.organizationID, projectID: principal.projectID, tags: event.tags,
            model: event.requestedModel ?? "", deploymentID: outcome.deployment?.id, provider: outcome.deployment?.provider,
            promptTokens: outcome.usage?.promptTokens ?? 0, completionTokens: outcome.usage?.completionTokens ?? 0, spend: outcome.cost,
            status: outcome.succeeded ? "success" : "failure", errorCode: outcome.error?.code, responseID: outcome.responseID)
        entry.metadataText = String(decoding: metadataText(for: event), as: UTF8.self)
        return entry
    }

    /// The row's metadata, written as text: the request's annotations, then the hook's own members, which win over an
    /// annotation of the same name.
    static func metadataText(for event: RequestLogEvent) -> [UInt8] {
        let outcome = event.outcome
        let trace = DecisionTrace.text(event.timeline)
        var metadata = JSONObjectWriter(reservingCapacity: trace.count + 256)
        for (name, value) in event.annotations where !ownMembers.contains(name) {
            if name == "usage_object", outcome.usage != nil { continue }
            if name == "error_information", outcome.error != nil { continue }
            metadata.writeMember(named: name, value)
        }
        metadata.write("streamed", event.streamed)
        metadata.write("principal", event.principal.subject)
        metadata.write("usage_estimated", outcome.usage?.isEstimate ?? false)
        if let usage = outcome.usage { metadata.write("usage_object", usage.openAIJSON) }
        metadata.write("decision_trace", jsonText: trace)
        if let error = outcome.error {
            metadata.write("error_information", SpendLogErrorInformation.json(error, provider: outcome.deployment?.provider))
        }
        return metadata.finish()
    }

    /// The members the hook always writes.
    private static let ownMembers: Set<String> = ["streamed", "principal", "usage_estimated", "decision_trace"]
}
