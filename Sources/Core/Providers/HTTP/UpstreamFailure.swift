import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
import NIOPosix
import UpstreamHTTP1

/// Maps what can go wrong talking to an upstream onto the status the client should see.
///
/// | upstream | client sees |
/// | --- | --- |
/// | connection refused or reset, host not found (fails at once, never waits for a timeout) | 502 `upstream_unreachable` |
/// | no connection within the connect timeout (`upstream_connect_timeout_seconds`) | 504 `upstream_timeout` |
/// | no answer within the deployment's timeout | 504 `upstream_timeout` |
/// | the connection closed (or broke) after the response head, before the whole body or stream | 502 `upstream_truncated` |
/// | 429 | 429, with the upstream's message (and its `retry-after` in ``GatewayError/retryAfter``) |
/// | 401, 403 (the deployment's credentials) | 502 `upstream_auth_error`: the caller's key is not at fault |
/// | 400 saying the prompt is over the context window | 400 `context_length_exceeded` |
/// | 400 refused by content policy | 400 `content_policy_violation` |
/// | other 4xx | the same status, with the upstream's message |
/// | 5xx or anything else | 502 `upstream_error` |
///
/// An upstream's message is scrubbed of the deployment's secrets before it is cut to length, so no part of a
/// secret survives at the cut.
enum UpstreamFailure {
    /// An error before the response head arrived (connecting, sending, waiting).
    /// - Parameter connectTimeout: the client's connect timeout in seconds, for the message.
    static func gatewayError(for error: any Error, deployment: Deployment, connectTimeout: Double) -> GatewayError {
        if let error = error as? GatewayError { return error }
        if isTimeout(error) || (error as? HTTPClientError) == .writeTimeout { return timeout(deployment) }
        if (error as? HTTPClientError) == .connectTimeout { return connectTimedOut(deployment, connectTimeout: connectTimeout) }
        if (error as? HTTPClientError) == .getConnectionFromPoolTimeout || (error as? HTTP1ClientError) == .noConnectionFree {
            return .gatewayTimeout(
                "Upstream '\(deployment.modelName)': no connection to it was free within \(formatSeconds(connectTimeout)) seconds.")
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return connectTimedOut(deployment, connectTimeout: connectTimeout) }
        return .badGateway("Upstream '\(deployment.modelName)' is unreachable: \(describe(error)).", code: "upstream_unreachable")
    }

    /// An error while reading a body whose head had arrived: a timeout, the client leaving (the read was cancelled),
    /// a body over the limit, else the upstream closed the connection mid-response.
    static func bodyError(for error: any Error, deployment: Deployment) -> GatewayError {
        if let error = error as? GatewayError { return error }
        if isTimeout(error) { return timeout(deployment) }
        if error is CancellationError || (error as? HTTPClientError) == .cancelled || (error as? HTTP1ClientError) == .cancelled {
            // Our side let go (the client left), the upstream did not cut anything.
            return .badRequest("The client closed the connection.", code: "client_disconnected")
        }
        if error is NIOTooManyBytesError {
            return .badGateway("Upstream '\(deployment.modelName)' sent a body larger than the gateway reads.", code: "upstream_invalid_response")
        }
        return .badGateway(
            "Upstream '\(deployment.modelName)' closed the connection before the whole response arrived.", code: "upstream_truncated")
    }

    /// - Parameters:
    ///   - retryAfter: the upstream's `retry-after` in seconds, when it sent one.
    ///   - secrets: what to take out of the upstream's message.
    static func gatewayError(
        status: Int, body: String, deployment: Deployment, retryAfter: Double? = nil, secrets: SecretScrubber = .none
    ) -> GatewayError {
        var error = mapped(status: status, body: body, deployment: deployment, secrets: secrets)
        error.retryAfter = retryAfter
        return error
    }

    private static func mapped(status: Int, body: String, deployment: Deployment, secrets: SecretScrubber) -> GatewayError {
        let message = upstreamMessage(in: body, secrets: secrets) ?? "HTTP \(status)"
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

    /// The `error.message` of an OpenAI or Anthropic error body, the top-level `message` of an AWS one (Bedrock's
    /// `{"message": ...}`), else the start of the text; scrubbed, then cut.
    private static func upstreamMessage(in body: String, secrets: SecretScrubber) -> String? {
        if let json = try? JSONParser.parse(body),
            let message = json["error"]?["message"]?.stringValue ?? json["error"]?.stringValue ?? json["message"]?.stringValue
        {
            return String(secrets.scrub(message).prefix(500))
        }
        let trimmed = secrets.scrub(body).trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : String(trimmed.prefix(200))
    }

    /// A short text for a connection failure: `connection refused`, `host not found`, the client's own error name.
    private static func describe(_ error: any Error) -> String {
        if let error = error as? NIOConnectionError {
            if let failure = error.connectionErrors.first { return describe(failure.error) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "host not found" }
            return "no address to connect to"
        }
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
        if let error = error as? HTTPClientError {
            return error == .remoteConnectionClosed ? "the upstream closed the connection" : "\(error)"
        }
        if let error = error as? HTTP1ClientError {
            return error == .remoteConnectionClosed ? "the upstream closed the connection" : "\(error)"
        }
        return String(describing: type(of: error))
    }

    /// A deadline or a read timeout, from our own timer or either client.
    private static func isTimeout(_ error: any Error) -> Bool {
        if error is TimeoutError { return true }
        if let error = error as? HTTPClientError { return [.deadlineExceeded, .readTimeout].contains(error) }
        if let error = error as? HTTP1ClientError { return [.deadlineExceeded, .readTimeout].contains(error) }
        return false
    }

    private static func connectTimedOut(_ deployment: Deployment, connectTimeout: Double) -> GatewayError {
        .gatewayTimeout("Upstream '\(deployment.modelName)' did not accept a connection within \(formatSeconds(connectTimeout)) seconds.")
    }

    private static func formatSeconds(_ seconds: Double) -> String {
        seconds.rounded() == seconds ? String(Int(seconds)) : String(seconds)
    }
}
