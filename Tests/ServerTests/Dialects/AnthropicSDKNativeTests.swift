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
        let probe = try await ChildProcess.run("/usr/bin/env", [SDKCompatibilityTests.python, "-c", "import anthropic"])
        guard probe.status == 0 else {
            Issue.record("'\(SDKCompatibilityTests.python)' cannot import the anthropic SDK (run scripts/test, or set TOLLGATE_SKIP_SDK=1)")
            return
        }
        try await AnthropicNativeTests.withGateway { gateway, upstream in
            let script = try ChildProcess(
                executable: "/usr/bin/env",
                arguments: [SDKCompatibilityTests.python, SDKCompatibilityTests.sdkFolder + "/anthropic_thinking_check.py"],
                environment: [
                    "GATEWAY_URL": gateway.baseURL, "GATEWAY_KEY": GatewayFixture.masterKey, "PYTHONUNBUFFERED": "1",
                    "PYTHONDONTWRITEBYTECODE": "1", "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
                ])
            let status = try await script.waitForExit(timeout: .seconds(150))
            #expect(status == 0, "anthropic_thinking_check.py failed:\n\(script.output)")
            // cache_control reached the upstream on the system prompt and the tool, as the SDK sent it.
            let first = try #require(upstream.calls.first?.body)
            #expect(first["system"]?[0]?["cache_control"] == ["type": "ephemeral"])
            #expect(first["tools"]?[0]?["cache_control"] == ["type": "ephemeral"])
            #expect(upstream.calls.count == 6, "five turns that passed and one refused")
        }
    }
}
