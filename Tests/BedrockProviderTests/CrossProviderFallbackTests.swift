import GatewayCore
import GatewayTesting
import Synchronization
import Testing

/// Routing across the cloud providers: a throttled Bedrock deployment (429, `ThrottlingException`) falls back to an
/// Azure one (the group's `fallbacks`), for an OpenAI client's chat and for an Anthropic client's `/v1/messages`,
/// translated to Converse for the first attempt and to Azure's chat for the fallback.
struct CrossProviderFallbackTests {
    static func config(bedrock: String, azure: TestEndpoint) -> String {
        let stand = AzureUpstream.Settings()
        return """
            model_list:
            \(BedrockGatewayTests.entry("primary", "x.throttled", base: bedrock))
                model_info:
                  id: bedrock-1
              - model_name: backup
                litellm_params:
                  model: azure/gpt4o
                  api_base: \(azure.baseURL)
                  api_key: \(stand.apiKey)
                model_info:
                  id: azure-1
            router_settings:
              num_retries: 0
              fallbacks: [{primary: [backup]}]
            general_settings:
              master_key: \(BedrockGatewayTests.masterKey)
            """
    }

    @Test func aThrottledBedrockDeploymentFallsBackToAzure() async throws {
        let standIn = BedrockStandIn()
        try await standIn.withRunning { bedrock in
            try await AzureUpstream.withRunning { azure, log in
                try await TestGateway.withRunning(
                    config: Self.config(bedrock: bedrock, azure: azure), plugins: #"{"plugins": [{"name": "master-key-auth"}]}"#,
                    environment: BedrockGatewayTests.environment
                ) { gateway in
                    let key = BedrockGatewayTests.masterKey
                    let chat = try await gateway.post(
                        "/v1/chat/completions", json: ["model": "primary", "messages": [["role": "user", "content": "hello"]]], key: key)
                    #expect(chat.status == 200, "\(chat.body)")
                    #expect(chat.header("x-litellm-model-id") == "azure-1")
                    #expect(chat.json?["choices"]?[0]?["message"]?["content"]?.stringValue?.hasPrefix("azure says: ") == true)

                    let messages = try await gateway.post(
                        "/v1/messages", json: ["model": "primary", "max_tokens": 50, "messages": [["role": "user", "content": "hi"]]], key: key)
                    #expect(messages.status == 200, "\(messages.body)")
                    #expect(messages.header("x-litellm-model-id") == "azure-1")
                    #expect(messages.json?["type"] == "message", "Anthropic's shape, translated from Azure's chat answer")
                    #expect(await log.calls.count == 2)
                    #expect(standIn.received.withLock { $0.map(\.path) }.allSatisfy { $0.hasSuffix("/converse") })
                    #expect(standIn.received.withLock { $0.count } == 2, "each request tried Bedrock first")
                }
            }
        }
    }
}
