import AWSSigV4
import Foundation
import GatewayCore

/// Where and as whom a Bedrock deployment is called, from its `litellm_params`, else the environment, in LiteLLM's
/// order: a web identity, then a role to assume, then static credentials.
///
/// | key (`litellm_params`) | environment | default |
/// | --- | --- | --- |
/// | `aws_web_identity_token` (with `aws_role_name`: `AssumeRoleWithWebIdentity`) | `AWS_WEB_IDENTITY_TOKEN` | none |
/// | `aws_role_name` (a role ARN: `AssumeRole` with the credentials below) | `AWS_ROLE_NAME` | none |
/// | `aws_session_name` | `AWS_SESSION_NAME`, `AWS_ROLE_SESSION_NAME` | `tollgate` |
/// | `aws_external_id` (AssumeRole's `ExternalId`) | `AWS_EXTERNAL_ID` | none |
/// | `aws_sts_endpoint` | `AWS_STS_ENDPOINT` | `https://sts.{region}.amazonaws.com` |
/// | | `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (EKS IRSA; used when no key pair is found) | none |
/// | `aws_access_key_id` | `AWS_ACCESS_KEY_ID` | none: the call fails with a 502 naming the deployment |
/// | `aws_secret_access_key` | `AWS_SECRET_ACCESS_KEY` | none |
/// | `aws_session_token` | `AWS_SESSION_TOKEN` (only with the environment's key pair) | none |
/// | `aws_profile_name` (used when the keys are absent) | `AWS_SHARED_CREDENTIALS_FILE` (else `~/.aws/credentials`) | none |
/// | `aws_region_name` | `AWS_REGION_NAME`, `AWS_REGION`, `AWS_DEFAULT_REGION` | `us-west-2` (LiteLLM's) |
/// | `api_base` (or LiteLLM's `aws_bedrock_runtime_endpoint`) | | `https://bedrock-runtime.{region}.amazonaws.com` |
///
/// A key pair is taken whole from one place: a deployment's own id is never paired with the environment's secret.
/// With `aws_role_name`, the key pair (deployment, profile, environment, in that order) signs `AssumeRole`; without
/// any key pair, the IRSA web identity of the environment does (its own role when it is `aws_role_name`, else a
/// role chain). Without `aws_role_name`, the key pair is used as it is, else the IRSA role. Assumed credentials are
/// cached and refreshed by ``AssumedRoleCache``.
struct BedrockSettings: Sendable {
    static let defaultRegion = "us-west-2"

    /// How calls are signed.
    enum Auth: Sendable {
        /// Static keys, used as they are.
        case keys(AWSCredentials)
        /// Credentials assumed through STS.
        case role(STSRole)
    }

    var auth: Auth
    var region: String
    /// Scheme and authority, no trailing slash: `https://bedrock-runtime.us-east-1.amazonaws.com`.
    var base: String

    /// - Throws: 502 `upstream_auth_error` naming the deployment when no credentials are configured; 502
    ///   `upstream_config_error` for an invalid region, role ARN or session name.
    /// - Parameter profileCredentials: a profile's key pair from the shared credentials file (``BedrockProfileCache``).
    init(deployment: Deployment, environment: [String: String], profileCredentials: (String) -> AWSCredentials? = { _ in nil }) throws {
        func param(_ name: String) -> String? {
            guard let value = deployment.extraParams[name]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                return nil
            }
            return value
        }
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let region = param("aws_region_name") ?? env("AWS_REGION_NAME") ?? env("AWS_REGION") ?? env("AWS_DEFAULT_REGION") ?? Self.defaultRegion
        // The region goes into a host name and the signature's scope: letters, digits and dashes only.
        guard region.count <= 64, region.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw GatewayError.badGateway(
                "Bedrock deployment '\(deployment.modelName)' has an invalid aws_region_name.", code: "upstream_config_error")
        }
        self.region = region
        var keys: AWSCredentials?
        if let id = param("aws_access_key_id"), let secret = param("aws_secret_access_key") {
            keys = AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: param("aws_session_token"))
        } else if let profile = param("aws_profile_name") {
            guard let found = profileCredentials(profile) else {
                throw GatewayError.badGateway(
                    "Bedrock deployment '\(deployment.modelName)': the profile '\(profile)' (aws_profile_name) has no key pair in the shared "
                        + "credentials file.", code: "upstream_auth_error")
            }
            keys = found
        } else if let id = env("AWS_ACCESS_KEY_ID"), let secret = env("AWS_SECRET_ACCESS_KEY") {
            keys = AWSCredentials(accessKeyID: id, secretAccessKey: secret, sessionToken: env("AWS_SESSION_TOKEN"))
        }
        if let role = try Self.role(deployment: deployment, keys: keys, region: region, param: param, env: env) {
            auth = .role(role)
        } else if let keys {
            auth = .keys(keys)
        } else {
            throw GatewayError.badGateway(
                "Bedrock deployment '\(deployment.modelName)' has no AWS credentials: set aws_access_key_id and aws_secret_access_key in "
                    + "its litellm_params, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, or aws_role_name with a "
                    + "web identity.", code: "upstream_auth_error")
        }
        var base = deployment.apiBase ?? param("aws_bedrock_runtime_endpoint") ?? "https://bedrock-runtime.\(region).amazonaws.com"
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
    }

    /// The static keys' secrets, or the base keys' of a role (the assumed ones are ``AssumedRoleCache``'s).
    var configuredSecrets: [String] {
        switch auth {
        case .keys(let keys): return keys.secrets
        case .role(let role):
            var identity = role.identity
            while true {
                switch identity {
                case .credentials(let keys): return keys.secrets
                case .webIdentityToken(let token): return [token]
                case .webIdentityTokenFile: return []
                case .assumedRole(let inner): identity = inner.identity
                }
            }
        }
    }

    /// `https://host[:port]/model/{modelId}/{action}`, with the model id percent-encoded as one path segment
    /// (`anthropic.claude-3-5-sonnet-20240620-v1:0` → `...v1%3A0`), and the path as it goes on the wire.
    func endpoint(modelID: String, action: String) -> (url: String, path: String, host: String) {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let segment = modelID.addingPercentEncoding(withAllowedCharacters: allowed) ?? modelID
        let components = URLComponents(string: base)
        let prefix = components?.path ?? ""
        let path = prefix + "/model/\(segment)/\(action)"
        var host = components?.host ?? ""
        if let port = components?.port { host += ":\(port)" }
        return (base + "/model/\(segment)/\(action)", path, host)
    }
}
