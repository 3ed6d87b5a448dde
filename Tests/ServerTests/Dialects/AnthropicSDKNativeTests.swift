import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// The official Anthropic Python SDK (`Tests/sdk/anthropic_thinking_check.py`) through the gateway to a strict
/// thinking upstream: multi-turn tool use with extended thinking, plain and streamed, and count_tokens.
/// `TOLLGATE_PYTHON` and `TOLLGATE_SKIP_SDK` as for ``SDKCompatibilityTests``.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct AnthropicSDKNativeTests {
    @Test(.timeLimit(.minutes(3)))
    func multiTurnThinkingWithTheAnthropicSDK() async throws {
        guard try await PythonSDKScript.canImport("anthropic") else { return }
        try await AnthropicNativeTests.withGateway { gateway, upstream in
            try await PythonSDKScript.run("anthropic_thinking_check.py", gateway: gateway, key: GatewayFixture.masterKey)
            // cache_control reached the upstream on the system prompt and the tool, as the SDK sent it.
            let first = try #require(upstream.calls.first?.body)
            #expect(first["system"]?[0]?["cache_control"] == ["type": "ephemeral"])
            #expect(first["tools"]?[0]?["cache_control"] == ["type": "ephemeral"])
            #expect(upstream.calls.count == 6, "five turns that passed and one refused")
        }
    }
}
