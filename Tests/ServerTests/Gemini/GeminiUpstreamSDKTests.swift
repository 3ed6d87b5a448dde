import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// The official openai and anthropic SDKs through the gateway to `gemini/` deployments on GatewayTesting's
/// `GeminiUpstream` (`Tests/sdk/gemini_check.py`): chat plain, streamed and thinking, a tool round trip with Gemini
/// 3's thought signature (plain and streamed), embeddings, a safety block, a refused key and a refused parameter;
/// `/v1/messages` plain, streamed and with tools. `TOLLGATE_SKIP_SDK=1` disables it.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct GeminiUpstreamSDKTests {
    static func entry(_ name: String, _ model: String, base: String, key: String = GeminiUpstream.Settings().apiKey) -> String {
        """
          - model_name: \(name)
            litellm_params:
              model: gemini/\(model)
              api_base: \(base)
              api_key: \(key)
        """
    }

    @Test(.timeLimit(.minutes(3)))
    func openAIAndAnthropicClientsReachGemini() async throws {
        guard try await PythonSDKScript.canImport("openai, anthropic") else { return }
        try await GeminiUpstream.withRunning { upstream, log in
            let base = upstream.baseURL
            let config = """
                model_list:
                \(Self.entry("gem", "gemini-2.5-flash", base: base))
                \(Self.entry("gem3", "gemini-3-pro-preview", base: base))
                \(Self.entry("gem-embed", "gemini-embedding-001", base: base))
                \(Self.entry("gem-block", "safety-block", base: base))
                \(Self.entry("gem-badkey", "gemini-2.5-flash", base: base, key: "not-the-key"))
                general_settings:
                  master_key: \(GatewayFixture.masterKey)
                """
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                try await PythonSDKScript.run("gemini_check.py", gateway: gateway, key: GatewayFixture.masterKey)
            }
            let calls = await log.calls
            #expect(
                calls.contains { $0.model == "gemini-3-pro-preview" && $0.body["contents"]?.arrayValue?.count == 3 },
                "the tool round trip reached Gemini")
            #expect(calls.allSatisfy { $0.headers["x-goog-api-key"] != nil })
        }
    }
}
