import AWSSigV4

/// A role to assume through AWS STS, and the identity that asks for it: what ``AssumedRoleCache`` caches credentials
/// for (two deployments with the same role, session and identity share one set of assumed credentials).
///
/// | identity | STS action | signed |
/// | --- | --- | --- |
/// | ``Identity/credentials(_:)`` (the deployment's keys, profile or `AWS_*` keys) | `AssumeRole` | SigV4 with those keys, service `sts` |
/// | ``Identity/webIdentityToken(_:)`` (`aws_web_identity_token`) | `AssumeRoleWithWebIdentity` | no: the token is the proof |
/// | ``Identity/webIdentityTokenFile(_:)`` (`AWS_WEB_IDENTITY_TOKEN_FILE`, EKS IRSA) | `AssumeRoleWithWebIdentity`, the file read at each refresh | no |
/// | ``Identity/assumedRole(_:)`` (IRSA's role, then another role) | `AssumeRole` signed with the first role's credentials | SigV4 |
struct STSRole: Sendable, Hashable {
    /// Who asks STS for the role.
    indirect enum Identity: Sendable, Hashable {
        /// Long-term or session keys: `AssumeRole`.
        case credentials(AWSCredentials)
        /// An OIDC token given in the configuration: `AssumeRoleWithWebIdentity`.
        case webIdentityToken(String)
        /// The path of a file holding an OIDC token, re-read at each refresh (the kubelet rotates it).
        case webIdentityTokenFile(String)
        /// The credentials of another assumed role (a role chain): `AssumeRole`.
        case assumedRole(STSRole)
    }

    /// STS's bounds on `DurationSeconds`: 15 minutes to 12 hours.
    static let durationRange = 900...43_200
    /// The session length asked for: one hour, as LiteLLM and botocore ask by default.
    static let defaultDuration = 3600

    /// `aws_role_name`: the role's ARN (`arn:aws:iam::123456789012:role/bedrock`).
    var roleARN: String
    /// `aws_session_name`: the `RoleSessionName` (2 to 64 of `[A-Za-z0-9_+=,.@-]`).
    var sessionName: String
    /// `aws_external_id`: the `ExternalId` a role's trust policy may require (AssumeRole only).
    var externalID: String?
    var identity: Identity
    /// The region the `AssumeRole` call is signed for: the deployment's.
    var region: String
    /// Scheme and authority (and path), no trailing slash: `https://sts.us-east-1.amazonaws.com`, or `aws_sts_endpoint`.
    var endpoint: String
    /// `DurationSeconds`, always within ``durationRange``.
    var durationSeconds: Int

    /// - Parameter durationSeconds: clamped to ``durationRange``.
    init(
        roleARN: String, sessionName: String, externalID: String? = nil, identity: Identity, region: String, endpoint: String,
        durationSeconds: Int = defaultDuration
    ) {
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.externalID = externalID
        self.identity = identity
        self.region = region
        var endpoint = endpoint
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        self.endpoint = endpoint
        self.durationSeconds = min(max(durationSeconds, Self.durationRange.lowerBound), Self.durationRange.upperBound)
    }

    /// `AssumeRole`, or `AssumeRoleWithWebIdentity` for a web identity.
    var action: String {
        switch identity {
        case .credentials, .assumedRole: "AssumeRole"
        case .webIdentityToken, .webIdentityTokenFile: "AssumeRoleWithWebIdentity"
        }
    }

    /// The Query API's form body (`application/x-www-form-urlencoded`), values percent-encoded as SigV4 encodes them.
    /// - Parameter webIdentityToken: the OIDC token, for `AssumeRoleWithWebIdentity`.
    func formBody(webIdentityToken: String?) -> String {
        var fields = [
            ("Action", action), ("Version", "2011-06-15"), ("RoleArn", roleARN), ("RoleSessionName", sessionName),
            ("DurationSeconds", String(durationSeconds)),
        ]
        if let webIdentityToken { fields.append(("WebIdentityToken", webIdentityToken)) }
        if let externalID, webIdentityToken == nil { fields.append(("ExternalId", externalID)) }
        return fields.map { "\($0.0)=\(AWSURIEncoding.encode($0.1, keepingSlash: false))" }.joined(separator: "&")
    }

    /// Whether a `RoleSessionName` is one STS accepts: 2 to 64 of `[A-Za-z0-9_+=,.@-]`.
    static func isValidSessionName(_ name: String) -> Bool {
        (2...64).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || Array("_+=,.@-".utf8).contains(byte)
            }
    }
}
