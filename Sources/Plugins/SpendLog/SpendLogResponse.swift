import GatewayCore

/// A spend log row as `/spend/logs` shows it, in LiteLLM's field names (`api_key` is the key's hash, never the key).
///
/// `request_id` is, as in LiteLLM, the completion's `id` (`chatcmpl-…`, `msg_…`) when the upstream gave one, else
/// the gateway's request id (failures, embeddings without an id). The gateway's id is always in `call_id` (the
/// value of the `x-request-id` and `x-litellm-call-id` headers), and the completion's in `response_id` (null when
/// none). `/spend/logs?request_id=` accepts either id.
enum SpendLogResponse {
    static func json(_ entry: SpendLogEntry) -> JSON {
        func string(_ value: String?) -> JSON { value.map { .string($0) } ?? .null }
        return [
            "request_id": .string(entry.responseID ?? entry.requestID), "call_id": .string(entry.requestID),
            "response_id": string(entry.responseID), "call_type": .string(entry.callType), "api_key": string(entry.keyHash),
            "user": string(entry.userID), "team_id": string(entry.teamID), "organization_id": string(entry.organizationID),
            "project_id": string(entry.projectID), "end_user": string(entry.endUser),
            "request_tags": .array(entry.tags.map { .string($0) }), "model": .string(entry.model), "model_group": .string(entry.model),
            "model_id": string(entry.deploymentID), "api_base": .null, "custom_llm_provider": string(entry.provider),
            "prompt_tokens": .int(entry.promptTokens), "completion_tokens": .int(entry.completionTokens),
            "total_tokens": .int(entry.promptTokens + entry.completionTokens), "spend": .double(entry.spend), "status": .string(entry.status),
            "error_code": string(entry.errorCode), "startTime": .string(ISO8601Time.string(entry.startTime)),
            "endTime": .string(ISO8601Time.string(entry.endTime)), "request_duration_ms": .double(entry.latencyMilliseconds),
            "metadata": entry.metadata,
        ]
    }
}
