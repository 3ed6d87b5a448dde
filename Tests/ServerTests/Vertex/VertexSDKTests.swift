import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// The official SDKs through the gateway to Vertex AI deployments (GatewayTesting's ``VertexTestBed``): `Tests/sdk/vertex_check.py`
/// (openai chat plain, streamed and with tools to Claude and Gemini on Vertex; the anthropic SDK natively to Claude and
/// translated to Gemini), `Tests/sdk/anthropic_thinking_check.py` (multi-turn tool use with extended thinking, plain and
/// streamed, and count_tokens) pointed at a Vertex Claude, and `Tests/sdk/google_jwt_check.py`: Python's
/// `cryptography` verifies the RS256 JWT the gateway sent to the token endpoint with the service account's public key.
/// `TOLLGATE_PYTHON` and `TOLLGATE_SKIP_SDK` as for ``SDKCompatibilityTests``.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct VertexSDKTests {
    @Test(.timeLimit(.minutes(4)))
    func officialSDKsThroughVertexDeploymentsOfBothFamilies() async throws {
        guard try await PythonSDKScript.canImport("openai, anthropic, cryptography") else { return }
        try await VertexTestBed.withRunning { fixture in
            let config = VertexGatewayTests.config([
                fixture.entry("vertex-claude", "claude-sonnet-4-5@20250929"), fixture.entry("vertex-claude-tools", "claude-tool-call"),
                fixture.entry("vertex-gemini", "gemini-2.5-flash"), fixture.entry("claude-thinking", "claude-sonnet-4-5-thinking@20250929"),
            ])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                try await PythonSDKScript.run("vertex_check.py", gateway: gateway, key: GatewayFixture.masterKey)
                try await PythonSDKScript.run("anthropic_thinking_check.py", gateway: gateway, key: GatewayFixture.masterKey)
            }
            // Five thinking turns that passed and one refused, each through rawPredict or streamRawPredict with the system
            // prompt's and the tool's cache_control as the SDK sent them, no model and Vertex's version; then count_tokens.
            let thinking = fixture.vertex.calls.filter { $0.model.contains("thinking") }
            #expect(thinking.count == 6, "\(thinking.map(\.method))")
            #expect(thinking.allSatisfy { $0.body["model"] == nil && $0.body["anthropic_version"] == "vertex-2023-10-16" })
            #expect(thinking.first?.body["system"]?[0]?["cache_control"] == ["type": "ephemeral"])
            #expect(thinking.first?.body["tools"]?[0]?["cache_control"] == ["type": "ephemeral"])
            #expect(fixture.vertex.calls.contains { $0.model == "count-tokens" })
            #expect(Set(fixture.vertex.calls.map(\.publisher)) == ["anthropic", "google"])
            // One token served every call of both families, and its JWT checks out outside Swift.
            #expect(fixture.oauth.received == ["token"])
            let jwt = try #require(fixture.oauth.assertions.first)
            try await PythonSDKScript.run(
                "google_jwt_check.py", gateway: TestEndpoint(port: 0), key: "",
                environment: [
                    "JWT": jwt, "PUBLIC_KEY_PEM": fixture.account.publicKeyPEM, "CLIENT_EMAIL": fixture.account.clientEmail,
                    "TOKEN_URI": fixture.oauth.tokenURL, "KEY_ID": fixture.account.privateKeyID,
                ])
        }
    }
}
