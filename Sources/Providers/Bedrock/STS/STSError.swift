import GatewayCore

/// Why STS gave no credentials, without naming a deployment: one STS call may serve several deployments, and each
/// caller turns the error into its own ``GatewayError`` with ``gatewayError(deploymentName:)``.
///
/// No case carries a secret: STS's `Code` is quoted only when it is a plain word, and its `Message` (which names the
/// role and the caller, never a key) is cut to length and scrubbed of the identity's secrets before it is kept.
struct STSError: Error, Sendable, Equatable {
    private enum Code: Equatable {
        /// STS answered with an `ErrorResponse` (`AccessDenied`, `InvalidIdentityToken`, `ExpiredToken`, ...).
        case refused(status: Int, code: String, message: String)
        /// An answer that is neither credentials nor an STS error.
        case invalidResponse(status: Int)
        /// Credentials that expire before they could be used.
        case expired
        /// No answer: refused connection, DNS, TLS.
        case unreachable
        /// No answer within the time allowed.
        case timeout(seconds: Double)
        /// The web identity token file cannot be read or is empty.
        case tokenFile(path: String)
    }

    private let code: Code
    /// `AssumeRole` or `AssumeRoleWithWebIdentity`.
    let action: String
    let roleARN: String
    let endpoint: String

    private init(_ code: Code, action: String, roleARN: String, endpoint: String) {
        self.code = code
        self.action = action
        self.roleARN = roleARN
        self.endpoint = endpoint
    }

    /// STS refused: `code` and `message` are from its `ErrorResponse`.
    static func refused(status: Int, code: String, message: String, role: STSRole) -> STSError {
        let plain = code.count <= 64 && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") }
        return STSError(
            .refused(status: status, code: plain ? code : "", message: String(message.prefix(300))), action: role.action, roleARN: role.roleARN,
            endpoint: role.endpoint)
    }

    static func invalidResponse(status: Int, role: STSRole) -> STSError {
        STSError(.invalidResponse(status: status), action: role.action, roleARN: role.roleARN, endpoint: role.endpoint)
    }

    static func expired(role: STSRole) -> STSError {
        STSError(.expired, action: role.action, roleARN: role.roleARN, endpoint: role.endpoint)
    }

    static func unreachable(role: STSRole) -> STSError {
        STSError(.unreachable, action: role.action, roleARN: role.roleARN, endpoint: role.endpoint)
    }

    static func timeout(seconds: Double, role: STSRole) -> STSError {
        STSError(.timeout(seconds: seconds), action: role.action, roleARN: role.roleARN, endpoint: role.endpoint)
    }

    static func tokenFile(path: String, role: STSRole) -> STSError {
        STSError(.tokenFile(path: path), action: role.action, roleARN: role.roleARN, endpoint: role.endpoint)
    }

    /// STS's error code when it refused (`AccessDenied`), else nil.
    var stsCode: String? {
        if case .refused(_, let code, _) = code { return code }
        return nil
    }

    /// What the client sees: 502 `upstream_auth_error` naming the deployment, the role and what STS said; 504 when
    /// STS did not answer in time.
    func gatewayError(deploymentName: String) -> GatewayError {
        let prefix = "Bedrock deployment '\(deploymentName)': STS \(action) for role '\(roleARN)'"
        switch code {
        case .refused(let status, let code, let message):
            let detail = [code, message].filter { !$0.isEmpty }.joined(separator: ": ")
            return .badGateway("\(prefix) was refused (HTTP \(status)\(detail.isEmpty ? "" : ", \(detail)")).", code: "upstream_auth_error")
        case .invalidResponse(let status):
            return .badGateway("\(prefix) answered HTTP \(status) without credentials or an STS error.", code: "upstream_auth_error")
        case .expired:
            return .badGateway("\(prefix) returned credentials that have already expired.", code: "upstream_auth_error")
        case .unreachable:
            return .badGateway("\(prefix) failed: the STS endpoint \(endpoint) is unreachable.", code: "upstream_auth_error")
        case .timeout(let seconds):
            return .gatewayTimeout(
                "\(prefix): the STS endpoint \(endpoint) did not answer within \(seconds.isFinite && seconds >= 0 && seconds < 1e9 ? String(Int(seconds)) : "the allowed") seconds."
            )
        case .tokenFile(let path):
            return .badGateway(
                "\(prefix) failed: the web identity token file '\(path)' (AWS_WEB_IDENTITY_TOKEN_FILE) cannot be read or is empty.",
                code: "upstream_auth_error")
        }
    }
}
