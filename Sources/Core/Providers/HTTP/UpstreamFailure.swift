import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore

/// Maps what can go wrong talking to an upstream onto the status the client should see.
///
/// | upstream | client sees |
/// | --- | --- |
/// | connection refused, reset, closed | 502 `upstream_unreachable` |
/// | no answer within the deployment's timeout | 504 `upstream_timeout` |
/// | 429 | 429, with the upstream's message (and its `retry-after` in ``GatewayError/retryAfter``) |
/// | 401, 403 (the deployment's credentials) | 502 `upstream_auth_error`: the caller's key is not at fault |
/// | 400 saying the prompt is over the context window | 400 `context_length_exceeded` |
/// | 400 refused by content policy | 400 `content_policy_violation` |
/// | other 4xx | the same status, with the upstream's message |
/// | 5xx or anything else | 502 `upstream_error` |
enum UpstreamFailure {
    static func gatewayError(for error: any Error, deployment: Deployment) -> GatewayError {
        if let error = error as? GatewayError { return error }
        if error is TimeoutError { return timeout(deployment) }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout, .getConnectionFromPoolTimeout:
                return timeout(deployment)
            default:
                break
            }
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return timeout(deployment) }
        return .badGateway("Upstream '\(deployment.modelName)' is unreachable: \(describe(error)).", code: "upstream_unreachable")
    }

    /// - Parameter retryAfter: the upstream's `retry-after` in seconds, when it sent one.
    static func gatewayError(status: Int, body: String, deployment: Deployment, retryAfter: Double? = nil) -> GatewayError {
        var error = mapped(status: status, body: body, deployment: deployment)
        error.retryAfter = retryAfter
        return error
    }

    private static func mapped(status: Int, body: String, deployment: Deployment) -> GatewayError {
        let message = upstreamMessage(in: body) ?? "HTTP \(status)"
        let name = deployment.modelName
        switch status {
        case 429:
            return .rateLimited("Upstream '\(name)' is rate limiting: \(message)")
        case 400..<500 where UpstreamRejection.isContextWindow(body: body):
            return GatewayError(
                status: .badRequest, message: "Upstream '\(name)' rejected the request: the prompt is too long for the model: \(message)",
                type: "invalid_request_error", code: UpstreamErrorCode.contextLengthExceeded)
        case 400..<500 where UpstreamRejection.isContentPolicy(body: body):
            return GatewayError(
                status: .badRequest, message: "Upstream '\(name)' refused the request by content policy: \(message)",
                type: "invalid_request_error", code: UpstreamErrorCode.contentPolicyViolation)
        case 401, 403:
            return .badGateway("Upstream '\(name)' rejected the deployment's credentials (HTTP \(status)).", code: "upstream_auth_error")
        case 408, 504:
            return timeout(deployment)
        case 400..<500:
            return GatewayError(
                status: .init(code: status), message: "Upstream '\(name)' rejected the request: \(message)", type: "invalid_request_error",
                code: "upstream_rejected")
        default:
            return .badGateway("Upstream '\(name)' failed with HTTP \(status): \(message)")
        }
    }

    static func timeout(_ deployment: Deployment) -> GatewayError {
        .gatewayTimeout("Upstream '\(deployment.modelName)' did not answer within \(formatSeconds(deployment.timeout)) seconds.")
    }

    /// The `error.message` of an OpenAI or Anthropic error body, else the start of the text.
    private static func upstreamMessage(in body: String) -> String? {
        if let json = try? JSONParser.parse(body), let message = json["error"]?["message"]?.stringValue ?? json["error"]?.stringValue {
            return String(message.prefix(500))
        }
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : String(trimmed.prefix(200))
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return "\(error)" }
        if let error = error as? IOError { return error.description }
        return String(describing: type(of: error))
    }

    private static func formatSeconds(_ seconds: Double) -> String {
        seconds.rounded() == seconds ? String(Int(seconds)) : String(seconds)
    }
}
