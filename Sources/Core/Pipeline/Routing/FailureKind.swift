import HTTPTypes

/// How a failed attempt affects the rest of the request: retry, which fallbacks, or stop.
///
/// Only failures of the upstream call are classified; a gateway-side rejection (auth, budget, guardrail, a routing
/// hook) never reaches the attempt loop.
public enum FailureKind: Sendable, Equatable {
    /// The deployment may answer next time, or another may: timeouts (504), connection failures and broken or 5xx
    /// answers (502), upstream rate limits (429). Retried, then the next `order` level, then `fallbacks`.
    case retryable
    /// The prompt is longer than the model's context window: `context_window_fallbacks`, no retry.
    case contextWindow
    /// The upstream refused the request by content policy: `content_policy_fallbacks`, no retry.
    case contentPolicy
    /// The request itself is at fault (400, 404, 422, ...) or the deployment's credentials are (`upstream_auth_error`):
    /// another call would fail the same way, so the client sees it at once.
    case final

    /// Classifies the error an upstream call ended with.
    public init(_ error: GatewayError) {
        switch (error.status.code, error.code) {
        case (_, UpstreamErrorCode.contextLengthExceeded?): self = .contextWindow
        case (_, UpstreamErrorCode.contentPolicyViolation?): self = .contentPolicy
        case (429, _), (504, _): self = .retryable
        case (502, "upstream_auth_error"?): self = .final
        case (502, _), (503, _): self = .retryable
        default: self = .final
        }
    }
}

/// The `code`s of upstream rejections the attempt loop treats specially (LiteLLM's `ContextWindowExceededError` and
/// `ContentPolicyViolationError`, both 400 as there).
public enum UpstreamErrorCode {
    /// OpenAI's own code for a prompt over the context window, also used for Anthropic's "prompt is too long".
    public static let contextLengthExceeded = "context_length_exceeded"
    /// OpenAI's code for a refused request (Azure says `content_filter`).
    public static let contentPolicyViolation = "content_policy_violation"
}
