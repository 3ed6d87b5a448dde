import AWSSigV4
import GatewayCore

extension BedrockSettings {
    /// The session name when none is configured.
    static let defaultSessionName = "tollgate"

    /// The role a deployment's calls assume, in LiteLLM's order; nil when it signs with `keys` as they are.
    ///
    /// 1. `aws_web_identity_token` with `aws_role_name`: `AssumeRoleWithWebIdentity` with that token.
    /// 2. `aws_role_name`: `AssumeRole` signed with `keys`; without keys, through the environment's IRSA web identity
    ///    (`AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`): directly when `AWS_ROLE_ARN` is that role, else as a chain.
    /// 3. No role and no keys: the IRSA web identity alone.
    /// - Throws: 502 `upstream_config_error` for a role that is not an ARN or a session name STS would refuse;
    ///   502 `upstream_auth_error` for `aws_role_name` with nothing to assume it with.
    static func role(
        deployment: Deployment, keys: AWSCredentials?, region: String, param: (String) -> String?, env: (String) -> String?
    ) throws -> STSRole? {
        let name = deployment.modelName
        let roleARN = param("aws_role_name") ?? env("AWS_ROLE_NAME")
        let irsa: (roleARN: String, tokenFile: String)? = env("AWS_WEB_IDENTITY_TOKEN_FILE").flatMap { file in env("AWS_ROLE_ARN").map { ($0, file) }
        }
        let sessionName = param("aws_session_name") ?? env("AWS_SESSION_NAME") ?? env("AWS_ROLE_SESSION_NAME") ?? defaultSessionName
        guard STSRole.isValidSessionName(sessionName) else {
            throw GatewayError.badGateway(
                "Bedrock deployment '\(name)' has an invalid aws_session_name: 2 to 64 letters, digits or _+=,.@- are allowed.",
                code: "upstream_config_error")
        }
        let endpoint = param("aws_sts_endpoint") ?? env("AWS_STS_ENDPOINT") ?? "https://sts.\(region).amazonaws.com"
        guard endpoint.hasPrefix("https://") || endpoint.hasPrefix("http://") else {
            throw GatewayError.badGateway(
                "Bedrock deployment '\(name)' has an invalid aws_sts_endpoint (not an http(s) URL).", code: "upstream_config_error")
        }
        let externalID = param("aws_external_id") ?? env("AWS_EXTERNAL_ID")
        func make(_ arn: String, _ identity: STSRole.Identity) throws -> STSRole {
            // An ARN names no secret; anything else (a key pasted into the wrong field) is not quoted.
            guard arn.hasPrefix("arn:"), (20...2048).contains(arn.utf8.count) else {
                throw GatewayError.badGateway(
                    "Bedrock deployment '\(name)' has an aws_role_name (or AWS_ROLE_ARN) that is not a role ARN.", code: "upstream_config_error")
            }
            return STSRole(
                roleARN: arn, sessionName: sessionName, externalID: externalID, identity: identity, region: region, endpoint: endpoint)
        }
        if let roleARN {
            if let token = param("aws_web_identity_token") ?? env("AWS_WEB_IDENTITY_TOKEN") {
                return try make(roleARN, .webIdentityToken(token))
            }
            if let keys { return try make(roleARN, .credentials(keys)) }
            guard let irsa else {
                throw GatewayError.badGateway(
                    "Bedrock deployment '\(name)' sets aws_role_name but has no credentials to assume it with: set aws_access_key_id and "
                        + "aws_secret_access_key (or a profile, or the AWS_* keys), aws_web_identity_token, or AWS_WEB_IDENTITY_TOKEN_FILE "
                        + "and AWS_ROLE_ARN.", code: "upstream_auth_error")
            }
            let web = try make(irsa.roleARN, .webIdentityTokenFile(irsa.tokenFile))
            return irsa.roleARN == roleARN ? web : try make(roleARN, .assumedRole(web))
        }
        if keys == nil, let irsa { return try make(irsa.roleARN, .webIdentityTokenFile(irsa.tokenFile)) }
        return nil
    }
}
