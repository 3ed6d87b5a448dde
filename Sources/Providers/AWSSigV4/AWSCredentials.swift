/// AWS credentials: an access key id, its secret, and the session token of temporary credentials.
///
/// The description never shows the secret or the token, so a credentials value that reaches a log or an error
/// message leaks nothing but the (non-secret) access key id.
public struct AWSCredentials: Sendable, Hashable, CustomStringConvertible {
    /// `aws_access_key_id` (`AKIA...`, `ASIA...` for temporary credentials).
    public var accessKeyID: String
    /// `aws_secret_access_key`. Never logged.
    public var secretAccessKey: String
    /// `aws_session_token` of temporary credentials (STS), sent as `x-amz-security-token`. Never logged.
    public var sessionToken: String?

    /// - Parameters:
    ///   - accessKeyID: the access key id.
    ///   - secretAccessKey: its secret.
    ///   - sessionToken: the session token of temporary credentials; nil or empty for long-term ones.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken?.isEmpty == true ? nil : sessionToken
    }

    /// The secret parts, for scrubbing them out of any text derived from an upstream's answer.
    public var secrets: [String] { [secretAccessKey] + (sessionToken.map { [$0] } ?? []) }

    public var description: String {
        "AWSCredentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>\(sessionToken == nil ? "" : ", sessionToken: <redacted>"))"
    }
}
