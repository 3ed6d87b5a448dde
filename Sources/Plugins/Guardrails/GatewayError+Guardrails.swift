public import GatewayCore
import HTTPTypes

extension GatewayError {
    /// 400 `guardrail_violation`: a guardrail blocked the request or the response. The reason names what was
    /// found (`an email`), never the matched text.
    public static func guardrailViolation(name: String, reason: String) -> GatewayError {
        GatewayError(
            status: .badRequest, message: "Blocked by guardrail '\(name)': \(reason).", type: "guardrail_violation", code: "guardrail_violation")
    }

    /// 503 `guardrail_unavailable`: an `http` guardrail with `on_failure: closed` could not be asked.
    public static func guardrailUnavailable(name: String) -> GatewayError {
        GatewayError(
            status: .serviceUnavailable, message: "Guardrail '\(name)' could not be reached; the request was not processed.", type: "api_error",
            code: "guardrail_unavailable")
    }

    /// 400 `unknown_guardrail`: a name no guardrail in the config has.
    public static func unknownGuardrail(_ name: String, param: String) -> GatewayError {
        .badRequest("Unknown guardrail '\(name)'.", param: param, code: "unknown_guardrail")
    }

    /// 403 `guardrail_modification_not_allowed`: the request switches off a guardrail its key, team or the admin
    /// set, without the permission to (LiteLLM's `_guardrail_modification_check`).
    public static func guardrailModificationNotAllowed(_ names: [String]) -> GatewayError {
        .forbidden(
            "This key may not switch off guardrail(s) \(names.map { "'\($0)'" }.joined(separator: ", ")); its key or team needs "
                + "metadata.allow_modify_guardrails = true.",
            code: "guardrail_modification_not_allowed")
    }
}
