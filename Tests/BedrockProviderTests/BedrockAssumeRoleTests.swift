import AWSSigV4
import AsyncHTTPClient
import Foundation
import GatewayCore
import GatewayTesting
import HTTPTypes
import Synchronization
import Testing

@testable import BedrockProvider

/// `aws_role_name` and web identities: the provider assumes the role through STS (moto, then ``STSStandIn`` for
/// what moto cannot show), signs Bedrock calls with the assumed keys, refreshes them before they expire, and turns
/// STS's refusals into clear errors that name the deployment and no secret.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct BedrockAssumeRoleTests {
    static let role = "arn:aws:iam::123456789012:role/bedrock-invoke"
    static let hi: JSON = ["model": "claude-bedrock", "messages": [["role": "user", "content": "Hi"]]]

    /// A clock the test moves.
    final class Clock: Sendable {
        let seconds = Mutex(1_800_000_000.0)
        var now: Double { seconds.withLock { $0 } }
        func advance(to value: Double) { seconds.withLock { $0 = value } }
    }

    static func provider(environment: [String: String] = [:], now: (@Sendable () -> Double)? = nil) -> BedrockProvider {
        BedrockProvider(client: UpstreamHTTPClient(httpClient: HTTPClient.shared), environment: environment, now: now)
    }

    /// A deployment with the stand-in's base keys and `params` on top.
    static func deployment(base: String, _ params: [String: JSON]) -> Deployment {
        var deployment = BedrockProviderTests.deployment(base: base)
        deployment.extraParams.merge(params) { $1 }
        return deployment
    }

    @Test func moto_assumeRoleSignsBedrockCallsWithTheAssumedKeys() async throws {
        let provider = Self.provider()
        let bedrock = BedrockStandIn { provider.roles.allAssumed.map(\.credentials) }
        try await MotoSTS.withRunning { sts in
            try await bedrock.withRunning { base in
                let deployment = Self.deployment(
                    base: base, ["aws_role_name": .string(Self.role), "aws_session_name": "tollgate-test", "aws_sts_endpoint": .string(sts)])
                #expect(deployment.unknownParams == [])
                let answer = try await provider.send(BedrockProviderTests.call(deployment, Self.hi))
                #expect(answer.completeView?["choices"]?[0]?["message"]?["content"] == "Hello from Bedrock")
                let assumed = try #require(provider.roles.allAssumed.first)
                let received = try #require(bedrock.received.withLock { $0.first })
                // moto's fresh temporary key, not the base key, with its session token.
                #expect(assumed.credentials.accessKeyID.hasPrefix("ASIA"))
                #expect(received.headers["authorization"]?.contains("Credential=\(assumed.credentials.accessKeyID)/") == true)
                #expect(received.headers["x-amz-security-token"] == assumed.credentials.sessionToken)
                // moto honours DurationSeconds=3600.
                #expect(abs(assumed.expiration - Date().timeIntervalSince1970 - 3600) < 120)
                #expect(provider.secrets(of: deployment).contains(assumed.credentials.secretAccessKey))
                #expect(provider.secrets(of: deployment).contains(assumed.credentials.sessionToken!))
            }
        }
    }

    @Test func moto_webIdentityFromTheEnvironmentTokenFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let tokenFile = try directory.write("token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJl\n")
        try await MotoSTS.withRunning { sts in
            let environment = [
                "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": Self.role, "AWS_ROLE_SESSION_NAME": "irsa-pod", "AWS_STS_ENDPOINT": sts,
            ]
            let provider = Self.provider(environment: environment)
            let bedrock = BedrockStandIn { provider.roles.allAssumed.map(\.credentials) }
            try await bedrock.withRunning { base in
                let deployment = BedrockProviderTests.deployment(base: base, params: ["aws_region_name": .string(BedrockStandIn.region)])
                let answer = try await provider.send(BedrockProviderTests.call(deployment, Self.hi))
                #expect(answer.completeView?["choices"]?[0]?["message"]?["content"] == "Hello from Bedrock")
                let assumed = try #require(provider.roles.allAssumed.first)
                #expect(assumed.credentials.accessKeyID.hasPrefix("ASIA"))
                #expect(bedrock.received.withLock { $0.first?.headers["x-amz-security-token"] } == assumed.credentials.sessionToken)
            }
        }
    }

    @Test func assumedKeysAreRefreshedBeforeTheyExpireAndKeptWhileStsFails() async throws {
        let clock = Clock()
        let sts = STSStandIn(now: { clock.now })
        let provider = Self.provider(now: { clock.now })
        let bedrock = BedrockStandIn { sts.issued.withLock { $0 } }
        try await sts.withRunning { stsURL in
            try await bedrock.withRunning { base in
                let deployment = Self.deployment(
                    base: base, ["aws_role_name": .string(Self.role), "aws_external_id": "ext-42", "aws_sts_endpoint": .string(stsURL)])
                func keyUsed() async throws -> String? {
                    _ = try await provider.send(BedrockProviderTests.call(deployment, Self.hi))
                    let authorization = bedrock.received.withLock { $0.last?.headers["authorization"] } ?? ""
                    return authorization.split(separator: "Credential=").last?.split(separator: "/").first.map(String.init)
                }
                let start = clock.now
                #expect(try await keyUsed() == "ASIASTANDIN1")
                let call = try #require(sts.calls.withLock { $0.first })
                #expect(call.action == "AssumeRole")
                #expect(call.fields["RoleArn"] == Self.role)
                #expect(call.fields["RoleSessionName"] == "tollgate")
                #expect(call.fields["DurationSeconds"] == "3600")
                #expect(call.fields["ExternalId"] == "ext-42")
                clock.advance(to: start + 3600 - 301)
                #expect(try await keyUsed() == "ASIASTANDIN1")
                #expect(sts.calls.withLock { $0.count } == 1)
                clock.advance(to: start + 3600 - 299)
                #expect(try await keyUsed() == "ASIASTANDIN2")
                #expect(sts.calls.withLock { $0.count } == 2)

                // STS failing inside the margin: the keys it gave last still work until they expire, then the error shows.
                sts.failing.withLock { $0 = true }
                let second = clock.now
                clock.advance(to: second + 3600 - 100)
                #expect(try await keyUsed() == "ASIASTANDIN2")
                #expect(sts.calls.withLock { $0.count } == 3)
                clock.advance(to: second + 3600 + 1)
                let error = try await #require(throws: GatewayError.self) { _ = try await keyUsed() }
                #expect(error.code == "upstream_auth_error")
                #expect(error.message.contains("ServiceUnavailable"))
            }
        }
    }

    @Test func concurrentCallsShareOneStsCall() async throws {
        let sts = STSStandIn(delay: .milliseconds(300))
        let provider = Self.provider()
        let bedrock = BedrockStandIn { sts.issued.withLock { $0 } }
        try await sts.withRunning { stsURL in
            try await bedrock.withRunning { base in
                let deployment = Self.deployment(base: base, ["aws_role_name": .string(Self.role), "aws_sts_endpoint": .string(stsURL)])
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<8 { group.addTask { _ = try await provider.send(BedrockProviderTests.call(deployment, Self.hi)) } }
                    try await group.waitForAll()
                }
                #expect(sts.calls.withLock { $0.count } == 1)
                #expect(bedrock.received.withLock { $0.count } == 8)
            }
        }
    }

    @Test func theWebIdentityTokenFileIsReadAgainAtEachRefresh() async throws {
        let clock = Clock()
        let sts = STSStandIn(now: { clock.now }, lifetime: 900)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let tokenFile = try directory.write("token", "first.token.value")
        sts.expectedToken.withLock { $0 = "first.token.value" }
        try await sts.withRunning { stsURL in
            let environment = ["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": Self.role, "AWS_STS_ENDPOINT": stsURL]
            let provider = Self.provider(environment: environment, now: { clock.now })
            let bedrock = BedrockStandIn { sts.issued.withLock { $0 } }
            try await bedrock.withRunning { base in
                let deployment = BedrockProviderTests.deployment(base: base, params: ["aws_region_name": .string(BedrockStandIn.region)])
                _ = try await provider.send(BedrockProviderTests.call(deployment, Self.hi))
                _ = try directory.write("token", "second.token.value")
                sts.expectedToken.withLock { $0 = "second.token.value" }
                clock.advance(to: clock.now + 900 - 200)
                _ = try await provider.send(BedrockProviderTests.call(deployment, Self.hi))
                #expect(sts.calls.withLock { $0.map { $0.fields["WebIdentityToken"] } } == ["first.token.value", "second.token.value"])
                #expect(sts.calls.withLock { $0.allSatisfy { $0.action == "AssumeRoleWithWebIdentity" } })
            }
        }
    }

    @Test(
        arguments: [
            ("denied", [:], "AccessDenied"), ("expired-token", [:], "ExpiredToken"),
            ("web", ["aws_web_identity_token": "not.the.token"], "InvalidIdentityToken"), ("leaky", [:], "AccessDenied"),
            ("unreachable", ["aws_sts_endpoint": "http://127.0.0.1:9"], "unreachable"),
        ] as [(String, [String: JSON], String)])
    func stsRefusalsAreUpstreamAuthErrorsNamingNoSecret(roleName: String, params: [String: JSON], expected: String) async throws {
        let sts = STSStandIn()
        try await sts.withRunning { stsURL in
            let role = "arn:aws:iam::123456789012:role/\(roleName)"
            var deployment = Self.deployment(
                base: "http://127.0.0.1:9", ["aws_role_name": .string(role), "aws_sts_endpoint": .string(stsURL)].merging(params) { $1 })
            // HTTPClient.shared retries a refused connection until the deadline (the gateway's client does not): the
            // unreachable endpoint gets a short one. The stand-in answers the others at once, but a machine loaded by
            // the whole suite (RSA key generation beside it) can hold an answer past a few seconds.
            deployment.timeout = roleName == "unreachable" ? 3 : 30
            let provider = Self.provider()
            let error = try await #require(throws: GatewayError.self) {
                _ = try await provider.send(BedrockProviderTests.call(deployment, Self.hi))
            }
            // What the gateway shows the client: the provider's error scrubbed of the deployment's secrets.
            let shown = SecretScrubber(provider.secrets(of: deployment)).scrub(error)
            #expect(shown.status.code == 502)
            #expect(shown.code == "upstream_auth_error")
            #expect(shown.message.contains("'claude-bedrock'"))
            #expect(shown.message.contains(role))
            #expect(shown.message.contains(expected))
            for secret in [BedrockStandIn.credentials.secretAccessKey, BedrockStandIn.credentials.sessionToken!, "not.the.token"] {
                #expect(!shown.message.contains(secret))
            }
        }
    }

    @Test func throughTheGatewayADeniedRoleIsA502NamingNoSecretAndTheGatewayKeepsServing() async throws {
        let sts = STSStandIn()
        let bedrock = BedrockStandIn { sts.issued.withLock { $0 } }
        try await sts.withRunning { stsURL in
            try await bedrock.withRunning { base in
                func entry(_ name: String, role: String) -> String {
                    """
                      - model_name: \(name)
                        litellm_params:
                          model: bedrock/\(BedrockProviderTests.modelID)
                          api_base: \(base)
                          aws_access_key_id: os.environ/TEST_AWS_KEY_ID
                          aws_secret_access_key: os.environ/TEST_AWS_SECRET
                          aws_session_token: os.environ/TEST_AWS_TOKEN
                          aws_region_name: \(BedrockStandIn.region)
                          aws_role_name: arn:aws:iam::123456789012:role/\(role)
                          aws_session_name: gateway
                          aws_sts_endpoint: \(stsURL)
                    """
                }
                let config = """
                    model_list:
                    \(entry("bedrock-denied", role: "leaky"))
                    \(entry("bedrock-assumed", role: "bedrock-invoke"))
                    general_settings:
                      master_key: \(BedrockGatewayTests.masterKey)
                    """
                try await TestGateway.withRunning(
                    config: config, plugins: #"{"plugins": [{"name": "master-key-auth"}]}"#, environment: BedrockGatewayTests.environment
                ) { gateway in
                    func chat(_ model: String) async throws -> TestEndpoint.Reply {
                        try await gateway.post(
                            "/v1/chat/completions", json: ["model": .string(model), "messages": [["role": "user", "content": "Hi"]]],
                            key: BedrockGatewayTests.masterKey)
                    }
                    let denied = try await chat("bedrock-denied")
                    #expect(denied.status == 502)
                    #expect(denied.json?["error"]?["code"] == "upstream_auth_error")
                    #expect(denied.body.contains("bedrock-denied") && denied.body.contains("AccessDenied"))
                    // The leaky stand-in quoted the base secret and session token; neither reaches the client.
                    #expect(!denied.body.contains(BedrockStandIn.credentials.secretAccessKey))
                    #expect(!denied.body.contains(BedrockStandIn.credentials.sessionToken!))
                    let assumed = try await chat("bedrock-assumed")
                    #expect(assumed.status == 200)
                    #expect(assumed.json?["choices"]?[0]?["message"]?["content"] == "Hello from Bedrock")
                    #expect(!assumed.body.contains("assumed-secret"))
                    #expect(try await chat("bedrock-denied").status == 502)
                }
            }
        }
    }
}
