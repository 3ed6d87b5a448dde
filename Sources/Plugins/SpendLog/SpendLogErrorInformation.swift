import GatewayCore
import HTTPTypes

/// `metadata.error_information` of a failure row, in LiteLLM's shape (its `StandardLoggingPayloadErrorInformation`):
///
/// ```json
/// {"error_code": "429", "error_class": "RateLimitError", "llm_provider": "openai", "error_message": "...", "traceback": ""}
/// ```
/// `error_code` is the HTTP status the client saw, as a string (LiteLLM's `status_code`); `error_class` is the name
/// of the LiteLLM exception that would have been raised; `llm_provider` is the provider of the deployment tried last
/// (null when the request was refused before routing: budget, guardrail, access); `traceback` is always empty
/// (Tollgate has no stack trace to give, and would not store one). The message is the one the client saw, which
/// never holds a secret.
enum SpendLogErrorInformation {
    static func json(_ error: GatewayError, provider: String?) -> JSON {
        [
            "error_code": .string(String(error.status.code)), "error_class": .string(errorClass(error)),
            "llm_provider": provider.map(JSON.string) ?? .null, "error_message": .string(error.message), "traceback": "",
        ]
    }

    /// LiteLLM's exception class for the error: by Tollgate's code where LiteLLM has a class of its own, else by status.
    static func errorClass(_ error: GatewayError) -> String {
        switch error.code {
        case "budget_exceeded": return "BudgetExceededError"
        case "guardrail_violation", "guardrail_modification_not_allowed": return "GuardrailRaisedException"
        case "context_length_exceeded": return "ContextWindowExceededError"
        case "content_policy_violation": return "ContentPolicyViolationError"
        case "upstream_unreachable": return "APIConnectionError"
        default: break
        }
        switch error.status.code {
        case 400: return "BadRequestError"
        case 401: return "AuthenticationError"
        case 403: return "PermissionDeniedError"
        case 404: return "NotFoundError"
        case 408, 504: return "Timeout"
        case 422: return "UnprocessableEntityError"
        case 429: return "RateLimitError"
        case 503: return "ServiceUnavailableError"
        case 500: return "InternalServerError"
        default: return "APIError"
        }
    }
}
