import HTTPTypes

/// The fields every per-request log sink writes (the `request-log` line, the `http-callback` record), built in one
/// place so that the log line and the callback body carry the same names and the same values.
///
/// Carries no credential and no content: the key appears only as its alias and its SHA-256 hash (what
/// `/spend/logs` calls `api_key`), errors as the message the client saw (which never holds a secret).
extension RequestLogEvent {
    /// The record's fields; absent facts (no deployment reached, no usage reported) are left out, not null.
    ///
    /// | field | meaning |
    /// | --- | --- |
    /// | `request_id`, `call_type` | the `x-request-id`; the endpoint (`chat_completions`, ...) |
    /// | `key_alias`, `key_hash`, `team_id`, `user_id`, `end_user`, `organization_id`, `project_id` | who called |
    /// | `model`, `model_group`, `deployment_id`, `provider` | asked for; served by (after fallbacks) |
    /// | `status`, `http_status`, `error_type`, `error_code`, `error_message` | how it ended |
    /// | `start_time`, `end_time` | ISO-8601 UTC |
    /// | `latency_ms`, `upstream_ms`, `time_to_first_token_ms` | total, in upstream calls, first streamed chunk |
    /// | `cost`, `prompt_tokens`, `completion_tokens`, `total_tokens`, `attempts`, `streamed`, `tags` | |
    public var record: [String: JSON] {
        var fields: [String: JSON] = [:]
        fields.reserveCapacity(24)
        forEachField { name, value in fields[name] = value }
        return fields
    }

    /// Calls `body` with each field of ``record`` in turn, for a sink that builds its own shape (the log line's
    /// metadata) without the dictionary in between.
    public func forEachField(_ body: (String, JSON) -> Void) {
        let principal = principal
        let outcome = outcome
        body("request_id", .string(requestID))
        body("call_type", .string(endpoint.rawValue))
        body("status", .string(outcome.succeeded ? "success" : "failure"))
        body("http_status", .int(outcome.error.map { Int($0.status.code) } ?? 200))
        body("start_time", .string(ISO8601Time.string(startTime)))
        body("end_time", .string(ISO8601Time.string(endTime)))
        body("latency_ms", .double(Self.rounded((endTime - startTime) * 1000)))
        body("cost", .double(outcome.cost))
        body("attempts", .int(outcome.attempts))
        body("streamed", .bool(streamed))
        func put(_ name: String, _ value: String?) { if let value { body(name, .string(value)) } }
        put("key_alias", principal.keyAlias)
        put("key_hash", principal.keyHash)
        put("team_id", principal.teamID)
        put("user_id", principal.userID)
        put("end_user", principal.endUserID)
        put("organization_id", principal.organizationID)
        put("project_id", principal.projectID)
        put("model", requestedModel)
        put("model_group", timeline.attempts.last?.modelGroup ?? outcome.deployment?.modelName)
        put("deployment_id", outcome.deployment?.id)
        put("provider", outcome.deployment?.provider)
        put("error_type", outcome.error?.type)
        put("error_code", outcome.error?.code)
        put("error_message", outcome.error?.message)
        if let usage = outcome.usage {
            body("prompt_tokens", .int(usage.promptTokens))
            body("completion_tokens", .int(usage.completionTokens))
            body("total_tokens", .int(usage.promptTokens + usage.completionTokens))
        }
        // The timeline is exact (every attempt); without it, the answering attempt's latency is the best known.
        let upstream = timeline.attempts.isEmpty ? outcome.latency : timeline.upstreamTime
        if let upstream { body("upstream_ms", .double(Self.milliseconds(upstream))) }
        if let firstToken = outcome.timeToFirstToken { body("time_to_first_token_ms", .double(Self.milliseconds(firstToken))) }
        if !tags.isEmpty { body("tags", .array(tags.map(JSON.string))) }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        rounded(duration.inSeconds * 1000)
    }

    /// Microsecond precision is plenty for a log and keeps lines short.
    static func rounded(_ milliseconds: Double) -> Double { (milliseconds * 1000).rounded() / 1000 }
}
