import GatewayCore

/// Bedrock's errors as the client sees them.
///
/// A whole call's HTTP errors are mapped by ``UpstreamHTTPClient`` from their status, which Bedrock sets by
/// exception: `ThrottlingException` and `ServiceQuotaExceededException` are 429 (→ 429), `ValidationException` 400
/// (→ 400 with Bedrock's message), `AccessDeniedException`, `UnrecognizedClientException` and
/// `ExpiredTokenException` 403 (→ 502 `upstream_auth_error` naming the deployment). A stream's exceptions arrive
/// inside the 200 response as event-stream messages, mapped here the same way.
enum BedrockErrors {
    /// The error for an `exception` message of a ConverseStream (`:exception-type`, payload `{"message": ...}`).
    static func streamError(type: String, body: String, deploymentName: String) -> GatewayError {
        let message = ((try? JSONParser.parse(body))?["message"]?.stringValue ?? "").prefix(500)
        let detail = message.isEmpty ? type : "\(type): \(message)"
        switch type.lowercased() {
        case "throttlingexception", "servicequotaexceededexception":
            return .rateLimited("Upstream '\(deploymentName)' is rate limiting: \(detail)")
        case "validationexception":
            return .badRequest("Upstream '\(deploymentName)' rejected the request: \(detail)", code: "upstream_rejected")
        case "accessdeniedexception", "unrecognizedclientexception", "expiredtokenexception":
            return .badGateway("Upstream '\(deploymentName)' rejected the deployment's credentials (\(type)).", code: "upstream_auth_error")
        default:
            return .badGateway("Upstream '\(deploymentName)' failed mid-stream: \(detail)")
        }
    }

    /// A stream whose bytes are damaged or cut (``EventStreamError``).
    static func streamFraming(_ error: EventStreamError, deploymentName: String) -> GatewayError {
        .badGateway(
            "Upstream '\(deploymentName)' sent a broken event stream: \(error).",
            code: error.isTruncated ? "upstream_stream_cut" : "upstream_invalid_response")
    }
}
