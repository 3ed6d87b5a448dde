public import GatewayCore

/// Gemini's errors as the client sees them.
///
/// Gemini answers a failed call with `{"error": {"code": 400, "message": "...", "status": "INVALID_ARGUMENT"}}` and
/// the HTTP status of `code`. Core's ``UpstreamHTTPClient`` maps the status (400 → 400 with Gemini's message, 403
/// `PERMISSION_DENIED` and 401 → 502 `upstream_auth_error`, 429 `RESOURCE_EXHAUSTED` → 429, 500 and 503 → 502).
/// Gemini says a key is invalid with a 400 (`API_KEY_INVALID`): ``remapped(_:deploymentName:)`` makes that the
/// credential error it is, and a 400 saying the prompt exceeds the model's token limit `context_length_exceeded`. An error inside a stream (an `error` object in an event) is mapped the same way.
public enum GeminiErrors {
    /// An error thrown by the upstream call, with Gemini's invalid-key 400 turned into 502 `upstream_auth_error`:
    /// the caller's request is not at fault, the deployment's key is.
    public static func remapped(_ error: any Error, deploymentName: String) -> any Error {
        guard var error = error as? GatewayError, error.code == "upstream_rejected" else { return error }
        if error.message.contains("API key not valid") || error.message.contains("API_KEY_INVALID") {
            return GatewayError.badGateway(
                "Upstream '\(deploymentName)' rejected the deployment's credentials (HTTP 400, API key not valid).", code: "upstream_auth_error")
        }
        // Gemini's words for a prompt over the context window ("The input token count (N) exceeds the maximum number
        // of tokens allowed (M)"): the code every provider's context-window refusal gets, which fallbacks route on.
        if error.message.contains("exceeds the maximum number of tokens allowed") {
            error.code = UpstreamErrorCode.contextLengthExceeded
        }
        return error
    }

    /// The error for an `error` object Gemini wrote into a stream.
    public static func streamError(_ error: JSON, deploymentName: String) -> GatewayError {
        let message = String((error["message"]?.stringValue ?? "").prefix(500))
        let status = error["status"]?.stringValue ?? ""
        let detail = message.isEmpty ? status : "\(status): \(message)"
        switch (error["code"]?.intValue, status) {
        case (429?, _), (_, "RESOURCE_EXHAUSTED"):
            return .rateLimited("Upstream '\(deploymentName)' is rate limiting: \(detail)")
        case (401?, _), (403?, _), (_, "PERMISSION_DENIED"), (_, "UNAUTHENTICATED"):
            return .badGateway("Upstream '\(deploymentName)' rejected the deployment's credentials (\(status)).", code: "upstream_auth_error")
        case (400?, _), (_, "INVALID_ARGUMENT"), (_, "FAILED_PRECONDITION"):
            return .badRequest("Upstream '\(deploymentName)' rejected the request: \(detail)", code: "upstream_rejected")
        default:
            return .badGateway("Upstream '\(deploymentName)' failed mid-stream: \(detail)")
        }
    }
}
