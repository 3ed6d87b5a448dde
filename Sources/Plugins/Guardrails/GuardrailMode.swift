/// When a guardrail runs (LiteLLM's `mode`).
public enum GuardrailMode: String, Sendable, Hashable, CaseIterable {
    /// On the request text before the call; may block or rewrite (mask) it.
    case preCall = "pre_call"
    /// LiteLLM runs these beside the call. Tollgate runs them before the call, after the `pre_call` ones, and
    /// they may only block: a check that runs beside the call cannot change what the upstream already received,
    /// so keeping them read-only gives the same meaning without racing the call.
    case duringCall = "during_call"
    /// On the answer: a complete response's `choices[].message.content`, or each streamed `delta.content`.
    case postCall = "post_call"

    /// Whether the guardrail reads the request (as opposed to the response).
    var readsRequest: Bool { self != .postCall }
}

/// What a content guardrail does with a match.
public enum GuardrailAction: String, Sendable, Hashable, CaseIterable {
    /// Reject the request (400 `guardrail_violation`) or end the stream with an error event.
    case block
    /// Replace each match with a placeholder and let the text through.
    case mask
}
