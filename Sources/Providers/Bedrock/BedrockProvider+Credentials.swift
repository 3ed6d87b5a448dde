import AWSSigV4
import GatewayCore

extension BedrockProvider {
    /// The credentials a call to `deployment` is signed with: its static keys, or the keys of the role it assumes
    /// (cached in ``roles`` and refreshed before they expire).
    /// - Throws: 502 `upstream_auth_error` naming the deployment when STS refuses or cannot be reached (504 when it
    ///   does not answer in time).
    func credentials(_ settings: BedrockSettings, deployment: Deployment) async throws -> AWSCredentials {
        switch settings.auth {
        case .keys(let keys):
            return keys
        case .role(let role):
            do {
                // STS is a short call: the deployment's whole-call timeout (600 s by default) is far too long to wait.
                return try await roles.credentials(for: role, timeout: min(deployment.timeout, 30))
            } catch let error as STSError {
                throw error.gatewayError(deploymentName: deployment.modelName)
            }
        }
    }

    /// The assumed secret and session token currently held for the deployment's role (none for static keys).
    func assumedSecrets(_ settings: BedrockSettings) -> [String] {
        guard case .role(let role) = settings.auth else { return [] }
        return roles.secrets(for: role)
    }
}
