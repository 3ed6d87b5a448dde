import Foundation
import GatewayTesting
import Testing

/// The official openai SDK's `AzureOpenAI` client against the gateway's Azure routes (`Tests/sdk/azure_check.py`):
/// plain, streamed, with tools, embeddings, a wrong key. The gateway reaches the Azure stand-in and an OpenAI-format
/// upstream. `TOLLGATE_SKIP_SDK=1` disables it.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct AzureSDKTests {
    @Test(.timeLimit(.minutes(3)))
    func azureOpenAIClientPassesAgainstTheGateway() async throws {
        guard try await PythonSDKScript.canImport("openai") else { return }
        try await AzureUpstream.withRunning { azure, _ in
            try await TestUpstream.withRunning { upstream, _ in
                let config = AzureGatewayTests.config([
                    AzureGatewayTests.entry("gpt-4o", "gpt4o", azure: azure, id: "az-chat"),
                    AzureGatewayTests.entry("embed", "emb", azure: azure, id: "az-embed"),
                    """
                      - model_name: gpt-tools
                        litellm_params:
                          model: openai/tool-call
                          api_base: \(upstream.baseURL)/v1
                          api_key: sk-upstream
                    """,
                ])
                try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                    try await PythonSDKScript.run("azure_check.py", gateway: gateway, key: GatewayFixture.masterKey)
                }
            }
        }
    }
}
