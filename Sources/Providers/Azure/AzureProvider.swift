public import GatewayCore
import OpenAIProvider

/// Azure OpenAI (`azure/<deployment>`): OpenAI's wire format under Azure's URLs and auth.
///
/// A call goes to `{api_base}/openai/deployments/{deployment}/chat/completions?api-version=...` (or `/completions`,
/// `/embeddings`; ``AzureSettings``) with the `api-key` header, or `Authorization: Bearer` for an `azure_ad_token`
/// or a token exchanged for Entra ID client credentials (cached in a ``RefreshingCache``). The body goes as it came and the
/// answer and stream come back as OpenAI's (``OpenAICompatibleProvider/relay(_:url:headers:client:secrets:)``), Azure's
/// extras included (`prompt_filter_results`, `content_filter_results`, `finish_reason: content_filter`). Azure's
/// content-filter 400 (`code: content_filter`) is a content-policy refusal, so `content_policy_fallbacks` fire.
///
/// `/v1/responses` goes natively to Azure's Responses API when the deployment's `api_version` has it
/// (``nativeDialects(for:)``, ``AzureSettings/responsesURL``), through
/// ``OpenAICompatibleProvider/relayResponses(native:call:url:headers:client:secrets:)`` with the same credentials, so
/// ids and follow-ups work as on OpenAI.
public struct AzureProvider: Provider {
    /// The `litellm_params.model` prefix it serves.
    public static let prefix = "azure"

    let client: UpstreamHTTPClient
    let environment: [String: String]
    /// Tokens exchanged for Entra ID client credentials, per credentials, refreshed before they expire.
    let tokens: RefreshingCache<EntraCredentials, String>
    let exchange: EntraTokenExchange

    /// - Parameters:
    ///   - client: the shared upstream client (also used for the Entra ID token endpoint).
    ///   - environment: the gateway's environment, for `AZURE_API_KEY`, `AZURE_API_BASE`, `AZURE_API_VERSION` and the
    ///     others ``AzureSettings`` lists.
    ///   - tokenTimeout: seconds to wait for the Entra ID token endpoint.
    ///   - now: the clock cached tokens are checked against (tests move it instead of waiting).
    public init(
        client: UpstreamHTTPClient, environment: [String: String], tokenTimeout: Double = 30,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.client = client
        self.environment = environment
        self.exchange = EntraTokenExchange(httpClient: client.httpClient, timeout: max(1, min(tokenTimeout, 600)))
        let origin = now()
        self.tokens = RefreshingCache { (now() - origin).inSeconds }
    }

    public func send(_ call: UpstreamCall) async throws -> GatewayResponse {
        if call.operation == .rerank {
            throw call.operation.unsupported(by: call.deployment, serves: "chat completions, completions, embeddings and responses")
        }
        let settings = try AzureSettings(deployment: call.deployment, environment: environment)
        let (credentials, secrets) = try await credentialHeaders(call.deployment, settings: settings)
        let headers = call.headers + credentials
        if let native = call.native, native.dialect == .openAIResponses, let url = settings.responsesURL {
            return try await OpenAICompatibleProvider.relayResponses(
                native: native, call: call, url: url, headers: headers, client: client, secrets: SecretScrubber(secrets))
        }
        return try await OpenAICompatibleProvider.relay(
            call, url: settings.url(for: call.operation), headers: headers, client: client, secrets: SecretScrubber(secrets))
    }

    /// The headers that carry `deployment`'s credentials (`api-key`, or `Authorization: Bearer` with an AD token or a
    /// token exchanged for Entra ID client credentials), and every secret they hold, to scrub from errors.
    func credentialHeaders(_ deployment: Deployment, settings: AzureSettings) async throws -> ([(String, String)], [String]) {
        var headers: [(String, String)] = []
        var secrets = secrets(of: deployment, settings: settings)
        switch settings.auth {
        case .apiKey(let key):
            headers.append(("api-key", key))
        case .adToken(let token):
            headers.append(("authorization", "Bearer \(token)"))
        case .clientCredentials(let credentials):
            let token: String
            do {
                let (exchange, clock) = (self.exchange, tokens.now)
                token = try await tokens.value(for: credentials) {
                    let (value, lifetime) = try await exchange.exchange(credentials)
                    return (value, clock() + lifetime)
                }
            } catch var error as GatewayError {
                // One exchange may serve several deployments: each caller names its own.
                error.message = "Upstream '\(deployment.modelName)': \(error.message)"
                throw error
            }
            secrets.append(token)
            headers.append(("authorization", "Bearer \(token)"))
        }
        return (headers, secrets)
    }

    /// OpenAI's Responses dialect when the deployment's `api_version` has Azure's Responses API
    /// (``AzureSettings/responsesURL``: the v1 surface, or `2025-03-01-preview` and later); none otherwise, so that
    /// `/v1/responses` to a deployment on an older version (the default `2024-10-21` included) is translated to chat
    /// completions rather than sent to a version Azure would answer with a 404.
    public func nativeDialects(for deployment: Deployment) -> Set<Dialect> {
        guard let settings = try? AzureSettings(deployment: deployment, environment: environment), settings.responsesURL != nil else { return [] }
        return [.openAIResponses]
    }

    /// What ``AzureSettings`` refuses in the deployment's settings (with the environment's fallbacks), if anything.
    public func configurationProblem(of deployment: Deployment) -> String? {
        do {
            _ = try AzureSettings(deployment: deployment, environment: environment)
            return nil
        } catch {
            return error.message
        }
    }

    /// The deployment's configured secrets, the environment's it uses, and the token currently exchanged for its
    /// client credentials.
    public func secrets(of deployment: Deployment) -> [String] {
        guard let settings = try? AzureSettings(deployment: deployment, environment: environment) else { return deployment.secrets }
        return secrets(of: deployment, settings: settings)
    }

    private func secrets(of deployment: Deployment, settings: AzureSettings) -> [String] {
        var found = deployment.secrets + settings.auth.secrets
        if case .clientCredentials(let credentials) = settings.auth { found += tokens.cached(for: credentials).map { [$0.value] } ?? [] }
        return found
    }
}
