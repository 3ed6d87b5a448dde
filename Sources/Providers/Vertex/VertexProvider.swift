import AsyncHTTPClient
import Foundation
public import GatewayCore
public import GoogleAuth

/// The `vertex_ai/` provider: models on Google Cloud's Vertex AI, called with a Google access token
/// (``GoogleAccessTokens``: a service account's, or the metadata server's) at
/// `https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/publishers/...`
/// (``VertexSettings``).
///
/// Two families (``VertexModelFamily``): Claude in Anthropic's Messages format through `rawPredict` /
/// `streamRawPredict` (`VertexProvider+Anthropic`), `/v1/messages` passed through natively; and Gemini in Google's
/// `generateContent` format (`VertexProvider+Gemini`).
public struct VertexProvider: Provider {
    /// The prefix of `litellm_params.model` this provider serves (LiteLLM's).
    public static let prefix = "vertex_ai"
    /// LiteLLM's other prefixes for the same provider.
    public static let aliases = ["vertex_ai_beta"]

    let client: UpstreamHTTPClient
    let environment: [String: String]
    let tokens: GoogleAccessTokens

    /// - Parameters:
    ///   - client: the shared upstream client (also used for Google's token endpoint and the metadata server).
    ///   - environment: where `VERTEXAI_PROJECT`, `VERTEXAI_LOCATION`, `VERTEXAI_CREDENTIALS`, `GOOGLE_APPLICATION_CREDENTIALS` and
    ///     `GCE_METADATA_HOST` are read; nil is the process's.
    ///   - now: seconds since 1970, the clock tokens are issued and expire on (tests move it); nil is the clock.
    public init(client: UpstreamHTTPClient, environment: [String: String]? = nil, now: (@Sendable () -> Double)? = nil) {
        self.client = client
        self.environment = environment ?? ProcessInfo.processInfo.environment
        self.tokens = GoogleAccessTokens(httpClient: client.httpClient, now: now)
    }

    public func send(_ call: UpstreamCall) async throws -> GatewayResponse {
        let (settings, credentials) = try resolve(call.deployment)
        let token = try await accessToken(credentials, deployment: call.deployment)
        let headers = call.headers + [("authorization", "Bearer \(token)")]
        let secrets = SecretScrubber(secrets(of: call.deployment, credentials: credentials) + [token])
        switch settings.family {
        case .anthropic: return try await sendAnthropic(call, settings: settings, headers: headers, secrets: secrets)
        case .gemini: return try await sendGemini(call, settings: settings, headers: headers, secrets: secrets)
        }
    }

    /// Anthropic's Messages dialect for a Claude model, Gemini's for a Gemini model.
    public func nativeDialects(for deployment: Deployment) -> Set<Dialect> {
        switch VertexModelFamily(model: deployment.upstreamModel) {
        case .anthropic?: [.anthropicMessages]
        case .gemini?: Self.geminiNativeDialects
        case nil: []
        }
    }

    /// What is wrong with the deployment's settings or credentials (a missing project, an unreadable or malformed
    /// service account), if anything.
    public func configurationProblem(of deployment: Deployment) -> String? {
        do {
            _ = try resolve(deployment)
            return nil
        } catch {
            return error.message
        }
    }

    /// The deployment's configured secrets, its service account's private key, and the access token currently held
    /// for its credentials.
    public func secrets(of deployment: Deployment) -> [String] {
        guard let credentials = try? tokens.credentials(vertexCredentials: Self.credentialsParam(deployment), environment: environment)
        else { return deployment.secrets }
        return secrets(of: deployment, credentials: credentials)
    }

    private func secrets(of deployment: Deployment, credentials: GoogleCredentials) -> [String] {
        deployment.secrets + credentials.secrets + [tokens.cachedToken(for: credentials)].compactMap { $0 }
    }

    /// `vertex_credentials`, or LiteLLM's other spelling `vertex_ai_credentials`.
    static func credentialsParam(_ deployment: Deployment) -> JSON? {
        [deployment.extraParams["vertex_credentials"], deployment.extraParams["vertex_ai_credentials"]].compactMap { $0 }.first { !$0.isNull }
    }

    /// The deployment's settings and credentials.
    /// - Throws: 500 `vertex_config` naming the deployment and what is missing or malformed.
    func resolve(_ deployment: Deployment) throws(GatewayError) -> (VertexSettings, GoogleCredentials) {
        let credentials: GoogleCredentials
        do {
            credentials = try tokens.credentials(vertexCredentials: Self.credentialsParam(deployment), environment: environment)
        } catch {
            throw VertexSettings.configError("Vertex AI deployment '\(deployment.modelName)': \(error.message)")
        }
        let settings = try VertexSettings(deployment: deployment, environment: environment, credentialsProject: credentials.projectID)
        return (settings, credentials)
    }

    /// An access token for `credentials`.
    /// - Throws: 502 `upstream_auth_error` (504 `upstream_timeout` when the endpoint did not answer in time) naming the
    ///   deployment and what the token endpoint or metadata server said; never the key or a token.
    func accessToken(_ credentials: GoogleCredentials, deployment: Deployment) async throws -> String {
        do {
            // The token endpoint is a short call: the deployment's whole-call timeout (600 s by default) is too long.
            return try await tokens.token(for: credentials, timeout: max(1, min(deployment.timeout, 30)))
        } catch {
            let message = "Upstream '\(deployment.modelName)': \(error.message)"
            if error.isTimeout { throw GatewayError.gatewayTimeout(message) }
            throw GatewayError.badGateway(message, code: "upstream_auth_error")
        }
    }
}
