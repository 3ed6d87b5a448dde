import AsyncHTTPClient
import GatewayCore
import GatewayTesting
import HTTPTypes
import Synchronization
import Testing

@testable import AzureProvider

/// Entra ID client credentials against the token endpoint stand-in: the form sent, one exchange shared by concurrent
/// calls, a refresh before expiry, refusals, and the token kept out of errors.
struct EntraTokenTests {
    static func deployment(_ azure: TestEndpoint, secret: String = AzureUpstream.Settings().clientSecret, name: String = "gpt4o") -> Deployment {
        let stand = AzureUpstream.Settings()
        return Deployment(
            id: "entra-\(name)", modelName: "azure-entra", provider: "azure", upstreamModel: name, apiBase: azure.baseURL, timeout: 10,
            extraParams: [
                "tenant_id": .string(stand.tenantID), "client_id": .string(stand.clientID), "client_secret": .string(secret),
                "azure_authority_host": .string(azure.baseURL),
            ])
    }

    static func chat(_ deployment: Deployment) -> UpstreamCall {
        UpstreamCall(
            operation: .chatCompletions, deployment: deployment,
            body: ["model": .string(deployment.upstreamModel), "messages": [["role": "user", "content": "hi"]]], requestID: "r")
    }

    @Test func tokenIsExchangedOnceAndSentAsBearer() async throws {
        try await AzureUpstream.withRunning { azure, log in
            let provider = AzureProviderTests.provider()
            let deployment = Self.deployment(azure)
            _ = try await provider.send(Self.chat(deployment))
            _ = try await provider.send(Self.chat(deployment))
            #expect(await log.exchanges == 1)
            let token = try #require(await log.issuedTokens.first)
            #expect(await log.calls.map { $0.headers["authorization"] } == ["Bearer \(token)", "Bearer \(token)"])
            #expect(await log.calls.allSatisfy { $0.headers["api-key"] == nil })
            // The exchanged token and the client secret are scrubbed from whatever the upstream says.
            let secrets = provider.secrets(of: deployment)
            #expect(secrets.contains(token))
            #expect(secrets.contains(AzureUpstream.Settings().clientSecret))
        }
    }

    @Test func concurrentCallsShareOneExchange() async throws {
        var settings = AzureUpstream.Settings()
        settings.tokenDelay = .milliseconds(300)
        try await AzureUpstream.withRunning(settings) { azure, log in
            let provider = AzureProviderTests.provider()
            // Two deployments of one app registration share its token.
            let deployments = [Self.deployment(azure), Self.deployment(azure, name: "other")]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 { group.addTask { _ = try await provider.send(Self.chat(deployments[index % 2])) } }
                try await group.waitForAll()
            }
            #expect(await log.exchanges == 1)
            #expect(await log.tokenRequests == 1)
            #expect(await log.calls.count == 8)
        }
    }

    @Test func tokenIsRefreshedBeforeItExpires() async throws {
        var settings = AzureUpstream.Settings()
        settings.tokenLifetime = 2
        try await AzureUpstream.withRunning(settings) { azure, log in
            // The cache's clock is moved by hand, so a slow machine cannot age the token between two calls.
            let start = ContinuousClock.now
            let elapsed = Mutex(Duration.zero)
            let provider = AzureProvider(
                client: UpstreamHTTPClient(httpClient: HTTPClient.shared), environment: [:], now: { start + elapsed.withLock { $0 } })
            let deployment = Self.deployment(azure)
            _ = try await provider.send(Self.chat(deployment))
            elapsed.withLock { $0 = .milliseconds(900) }
            _ = try await provider.send(Self.chat(deployment))
            #expect(await log.exchanges == 1, "still in the first half of its lifetime")
            // A 2-second token is replaced after half its lifetime, before it expires.
            elapsed.withLock { $0 = .milliseconds(1100) }
            _ = try await provider.send(Self.chat(deployment))
            #expect(await log.exchanges == 2)
            let tokens = await log.issuedTokens
            #expect(await log.calls.last?.headers["authorization"] == "Bearer \(tokens[1])")
        }
    }

    @Test func refusedCredentialsAreAnAuthErrorWithoutTheSecret() async throws {
        try await AzureUpstream.withRunning { azure, log in
            let provider = AzureProviderTests.provider()
            for _ in 0..<2 {
                do {
                    _ = try await provider.send(Self.chat(Self.deployment(azure, secret: "wrong-secret-7777")))
                    Issue.record("expected an auth error")
                } catch let error as GatewayError {
                    #expect(error.code == "upstream_auth_error")
                    #expect(error.status == .badGateway)
                    #expect(error.message.contains("azure-entra"))
                    #expect(error.message.contains("invalid_client"))
                    #expect(!error.message.contains("wrong-secret-7777"))
                    #expect(FailureKind(error) == .final)
                }
            }
            // A refusal is not cached: each call asks again. No call reached Azure.
            #expect(await log.tokenRequests == 2)
            #expect(await log.calls.isEmpty)
        }
    }

    @Test func unreachableTokenEndpointIsAClearError() async throws {
        let port = try await AzureUpstream.withRunning { azure, _ in azure.port }
        var deployment = try await AzureUpstream.withRunning { azure, _ in Self.deployment(azure) }
        deployment.extraParams["azure_authority_host"] = .string("http://127.0.0.1:\(port)")
        // As the gateway's own client: a refused connection fails at once instead of being retried until the timeout.
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let provider = AzureProvider(client: UpstreamHTTPClient(httpClient: client), environment: [:])
        do {
            _ = try await provider.send(Self.chat(deployment))
            Issue.record("expected an error")
        } catch let error as GatewayError {
            #expect(error.code == "upstream_auth_error")
            #expect(error.message.contains("unreachable"))
        }
        try await client.shutdown()
    }

    @Test func refreshMargin() {
        #expect(RefreshingCache<EntraCredentials, String>.refreshMargin(lifetime: 3599) == 300)
        #expect(RefreshingCache<EntraCredentials, String>.refreshMargin(lifetime: 2) == 1)
    }
}
