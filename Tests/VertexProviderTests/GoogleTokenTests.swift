import Foundation
import GatewayCore
import GatewayTesting
import HTTPTypes
import Testing

@testable import VertexProvider

/// Google access tokens for Vertex deployments against the token endpoint stand-in: one exchange for many calls and
/// for concurrent ones, a refresh before expiry, the metadata server, `GOOGLE_APPLICATION_CREDENTIALS`, and refusals
/// as clear errors without the key or a token.
struct GoogleTokenTests {
    @Test func oneExchangeServesManyCallsAndConcurrentCallsShareIt() async throws {
        try await VertexStandIns.withRunning(tokenDelay: .milliseconds(300)) { standIns in
            let provider = VertexStandIns.provider()
            // Two deployments of one service account (two models) share its token.
            let deployments = [standIns.deployment(), standIns.deployment(model: "claude-opus-4-1@20250805")]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 { group.addTask { _ = try await provider.send(VertexStandIns.chat(deployments[index % 2])) } }
                try await group.waitForAll()
            }
            for _ in 0..<3 { _ = try await provider.send(VertexStandIns.chat(deployments[0])) }
            #expect(standIns.oauth.received == ["token"])
            #expect(standIns.vertex.calls.count == 11)
            #expect(Set(standIns.vertex.calls.map { $0.headers["authorization"] }) == ["Bearer \(standIns.oauth.issued[0])"])
        }
    }

    @Test func tokenIsRefreshedFiveMinutesBeforeItExpires() async throws {
        let clock = VertexStandIns.Clock()
        try await VertexStandIns.withRunning(now: { clock.now }, tokenLifetime: 3600) { standIns in
            let provider = VertexStandIns.provider(now: { clock.now })
            let deployment = standIns.deployment()
            _ = try await provider.send(VertexStandIns.chat(deployment))
            clock.advance(by: 3600 - 301)
            _ = try await provider.send(VertexStandIns.chat(deployment))
            #expect(standIns.oauth.received.count == 1, "still more than five minutes to go")
            clock.advance(by: 2)
            _ = try await provider.send(VertexStandIns.chat(deployment))
            #expect(standIns.oauth.received.count == 2)
            let tokens = standIns.oauth.issued
            #expect(tokens.count == 2 && tokens[0] != tokens[1])
            #expect(standIns.vertex.calls.last?.headers["authorization"] == "Bearer \(tokens[1])")
        }
    }

    @Test func theMetadataServerWhenNoCredentialsAreConfigured() async throws {
        try await VertexStandIns.withRunning { standIns in
            let host = String(standIns.oauthBase.dropFirst("http://".count))
            let provider = VertexStandIns.provider(environment: ["GCE_METADATA_HOST": host])
            let deployment = standIns.deployment(["vertex_credentials": nil])
            #expect(provider.configurationProblem(of: deployment) == nil)
            let answer = try await provider.send(VertexStandIns.chat(deployment))
            #expect(answer.completeView?["choices"]?[0]?["message"]?["content"] == "upstream says: Hi")
            _ = try await provider.send(VertexStandIns.chat(deployment))
            #expect(standIns.oauth.received == ["metadata"], "the metadata server's token, asked once (with Metadata-Flavor: Google)")
            #expect(standIns.vertex.calls.first?.headers["authorization"] == "Bearer \(standIns.oauth.issued[0])")
        }
    }

    @Test func credentialsAndProjectFromTheEnvironment() async throws {
        try await VertexStandIns.withRunning { standIns in
            // GOOGLE_APPLICATION_CREDENTIALS names the key file; the project is the key file's project_id.
            let provider = VertexStandIns.provider(environment: [
                "GOOGLE_APPLICATION_CREDENTIALS": standIns.keyFile, "VERTEXAI_LOCATION": "europe-west1",
            ])
            let deployment = standIns.deployment(["vertex_credentials": nil, "vertex_project": nil, "vertex_location": nil])
            _ = try await provider.send(VertexStandIns.chat(deployment))
            let call = try #require(standIns.vertex.calls.first)
            #expect(call.project == VertexStandIns.project && call.location == "europe-west1")
            #expect(standIns.oauth.received == ["token"])
        }
    }

    @Test func theKeyFilesJSONAsVertexCredentials() async throws {
        try await VertexStandIns.withRunning { standIns in
            let provider = VertexStandIns.provider()
            // As text (LiteLLM's json.dumps of the file) and as a YAML/JSON object.
            for credentials in [JSON.string(standIns.account.json.serializedString()), standIns.account.json] {
                _ = try await provider.send(VertexStandIns.chat(standIns.deployment(["vertex_credentials": credentials])))
            }
            // LiteLLM's other spelling.
            let aliased = standIns.deployment(["vertex_credentials": nil, "vertex_ai_credentials": standIns.account.json])
            #expect(aliased.unknownParams == [])
            _ = try await provider.send(VertexStandIns.chat(aliased))
            #expect(standIns.vertex.calls.count == 3)
            #expect(standIns.oauth.received == ["token"], "the same service account, one token")
            #expect(provider.secrets(of: standIns.deployment(["vertex_credentials": standIns.account.json])).contains(standIns.oauth.issued[0]))
        }
    }

    @Test func userCredentialsFromGcloudUseTheRefreshTokenGrant() async throws {
        try await VertexStandIns.withRunning { standIns in
            let refreshToken = "1//0g-refresh/token+\(UUID().uuidString)"
            standIns.oauth.register(refreshToken: refreshToken, clientID: "client-1.apps.googleusercontent.com", clientSecret: "user-secret-1")
            func user(_ token: String) -> JSON {
                [
                    "type": "authorized_user", "client_id": "client-1.apps.googleusercontent.com", "client_secret": "user-secret-1",
                    "refresh_token": .string(token), "token_uri": .string(standIns.oauth.tokenURL),
                    "quota_project_id": .string(VertexStandIns.project),
                ]
            }
            let provider = VertexStandIns.provider()
            // The project is the file's quota_project_id.
            let deployment = standIns.deployment(["vertex_credentials": user(refreshToken), "vertex_project": nil])
            let answer = try await provider.send(VertexStandIns.chat(deployment))
            #expect(answer.completeView?["choices"]?[0]?["message"]?["content"] == "upstream says: Hi")
            #expect(standIns.vertex.calls.first?.headers["authorization"] == "Bearer \(standIns.oauth.issued[0])")
            #expect(provider.secrets(of: deployment).contains(refreshToken))
            // A revoked refresh token is Google's invalid_grant, without the token or the client secret.
            do {
                _ = try await provider.send(VertexStandIns.chat(standIns.deployment(["vertex_credentials": user("1//revoked")])))
                Issue.record("expected an auth error")
            } catch let error as GatewayError {
                #expect(error.code == "upstream_auth_error")
                #expect(error.message.contains("invalid_grant: Token has been expired or revoked."), "\(error.message)")
                #expect(!error.message.contains("1//revoked") && !error.message.contains("user-secret-1"))
            }
        }
    }

    @Test func aDeletedKeyIsAnAuthErrorNamingTheAccountWithoutSecrets() async throws {
        try await VertexStandIns.withRunning(registers: false) { standIns in
            let provider = VertexStandIns.provider()
            for _ in 0..<2 {
                do {
                    _ = try await provider.send(VertexStandIns.chat(standIns.deployment()))
                    Issue.record("expected an auth error")
                } catch let error as GatewayError {
                    #expect(error.status.code == 502)
                    #expect(error.code == "upstream_auth_error")
                    #expect(error.message.contains("claude-vertex"))
                    #expect(error.message.contains(standIns.account.clientEmail))
                    #expect(error.message.contains("invalid_grant: Invalid JWT Signature."))
                    #expect(!error.message.contains("PRIVATE KEY") && !error.message.contains("eyJ"))
                }
            }
            // A refusal is not cached: each call asks again. No call reached Vertex.
            #expect(standIns.oauth.received == ["token", "token"])
            #expect(standIns.vertex.calls.isEmpty)
        }
    }

    @Test func anAssertionOutsideItsTimeframeIsRefused() async throws {
        try await VertexStandIns.withRunning { standIns in
            // The gateway's clock two hours behind Google's: the assertion has expired by Google's.
            let late = VertexStandIns.provider(now: { Date().timeIntervalSince1970 - 7200 })
            do {
                _ = try await late.send(VertexStandIns.chat(standIns.deployment()))
                Issue.record("expected an auth error")
            } catch let error as GatewayError {
                #expect(error.code == "upstream_auth_error")
                #expect(error.message.contains("invalid_grant") && error.message.contains("iat and exp"))
            }
        }
    }

    @Test func aTokenVertexRejectsIsAnAuthError() async throws {
        let vertex = VertexUpstream { _ in false }
        try await VertexStandIns.withRunning { standIns in
            try await vertex.withRunning { endpoint in
                var deployment = standIns.deployment()
                deployment.apiBase = endpoint.baseURL
                do {
                    _ = try await VertexStandIns.provider().send(VertexStandIns.chat(deployment))
                    Issue.record("expected an auth error")
                } catch let error as GatewayError {
                    #expect(error.code == "upstream_auth_error")
                    #expect(!error.message.contains(standIns.oauth.issued[0]))
                }
            }
        }
    }

    @Test func anUnreachableMetadataServerSaysNoCredentialsAreConfigured() async throws {
        // A port nothing listens on, as metadata.google.internal is off Google Cloud.
        let port = try await VertexStandIns.withRunning { standIns in Int(standIns.oauthBase.split(separator: ":").last!)! }
        let provider = VertexProvider(
            client: UpstreamHTTPClient(httpClient: VertexStandIns.noRetryClient), environment: ["GCE_METADATA_HOST": "127.0.0.1:\(port)"])
        let deployment = Deployment(
            id: "v", modelName: "claude-vertex", provider: "vertex_ai", upstreamModel: VertexStandIns.claude, apiBase: "http://127.0.0.1:\(port)",
            timeout: 5, extraParams: ["vertex_project": "p-1"])
        do {
            _ = try await provider.send(VertexStandIns.chat(deployment))
            Issue.record("expected an error")
        } catch let error as GatewayError {
            #expect(error.code == "upstream_auth_error")
            #expect(error.message.contains("metadata server") && error.message.contains("unreachable"))
        }
    }

    @Test func aTokenEndpointThatDoesNotAnswerInTimeIsA504() async throws {
        try await VertexStandIns.withRunning(tokenDelay: .seconds(3)) { standIns in
            var deployment = standIns.deployment()
            // The token call waits at most the deployment's timeout (or 30 s).
            deployment.timeout = 1
            do {
                _ = try await VertexStandIns.provider().send(VertexStandIns.chat(deployment))
                Issue.record("expected a timeout")
            } catch let error as GatewayError {
                #expect(error.status.code == 504)
                #expect(error.code == "upstream_timeout")
                #expect(error.message.contains("The Google token endpoint did not answer within 1 seconds"))
            }
            #expect(standIns.vertex.calls.isEmpty)
        }
    }

    @Test func refreshMargin() {
        #expect(RefreshingCache<String, String>.refreshMargin(lifetime: 3599) == 300)
        #expect(RefreshingCache<String, String>.refreshMargin(lifetime: 120) == 60)
    }
}
