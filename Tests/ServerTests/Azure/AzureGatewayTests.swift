import GatewayCore
import GatewayTesting
import Testing

/// `azure/<deployment>` through a running gateway, against the Azure and Entra ID stand-in: plain and streamed
/// answers, `content_policy_fallbacks` on Azure's content filter, client credentials, the environment's settings,
/// and the inbound Azure routes that the openai SDK's `AzureOpenAI` client calls.
struct AzureGatewayTests {
    let key = GatewayFixture.masterKey

    /// One `model_list` entry for an Azure deployment of the stand-in.
    static func entry(_ group: String, _ deployment: String, azure: TestEndpoint, id: String, auth: [String]? = nil) -> String {
        let stand = AzureUpstream.Settings()
        let credentials = auth ?? ["api_key: \(stand.apiKey)"]
        return
            (["  - model_name: \(group)", "    litellm_params:", "      model: azure/\(deployment)", "      api_base: \(azure.baseURL)"]
            + credentials.map { "      " + $0 } + ["      timeout: 15", "    model_info:", "      id: \(id)"]).joined(separator: "\n")
    }

    static func config(_ entries: [String], routerSettings: [String] = []) -> String {
        (["model_list:"] + entries + ["general_settings:", "  master_key: \(GatewayFixture.masterKey)", "router_settings:", "  retry_after: 0.01"]
            + routerSettings.map { "  " + $0 }).joined(separator: "\n")
    }

    @Test func plainAndStreamedChat() async throws {
        try await AzureUpstream.withRunning { azure, log in
            let config = Self.config([Self.entry("gpt-4o", "gpt4o", azure: azure, id: "az-1")])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let plain = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-4o"), key: key)
                #expect(plain.status == 200, "\(plain.body)")
                #expect(plain.json?["choices"]?[0]?["message"]?["content"]?.stringValue?.hasPrefix("azure says: ") == true)
                #expect(plain.json?["prompt_filter_results"] != nil)
                let streamed = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-4o", stream: true), key: key)
                #expect(streamed.status == 200, "\(streamed.body)")
                let chunks = streamed.eventData.filter { $0 != "[DONE]" }.compactMap { try? JSONParser.parse($0) }
                let text = chunks.compactMap { $0["choices"]?[0]?["delta"]?["content"]?.stringValue }.joined()
                #expect(text.hasPrefix("azure says: "))
                #expect(streamed.eventData.last == "[DONE]")
                #expect(await log.calls.map(\.path) == Array(repeating: "/openai/deployments/gpt4o/chat/completions", count: 2))
            }
        }
    }

    @Test func contentFilterFiresContentPolicyFallbacks() async throws {
        try await AzureUpstream.withRunning { azure, log in
            let config = Self.config(
                [
                    Self.entry("strict", "content-filter", azure: azure, id: "az-strict"),
                    Self.entry("lenient", "gpt4o", azure: azure, id: "az-lenient"),
                    Self.entry("generic", "gpt4o", azure: azure, id: "az-generic"),
                ], routerSettings: ["num_retries: 2", "content_policy_fallbacks: [{strict: [lenient]}]", "fallbacks: [{strict: [generic]}]"])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("strict"), key: key)
                #expect(reply.status == 200, "\(reply.body)")
                #expect(reply.header("x-litellm-model-id") == "az-lenient")
                // Not retried, not sent to the generic fallbacks.
                #expect(await log.calls.map(\.deployment) == ["content-filter", "gpt4o"])
            }
            let alone = Self.config([Self.entry("strict", "content-filter", azure: azure, id: "az-strict")])
            try await TestGateway.withRunning(config: alone, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("strict"), key: key)
                #expect(reply.status == 400)
                #expect(reply.json?["error"]?["code"]?.stringValue == "content_policy_violation")
            }
        }
    }

    @Test func entraClientCredentialsAndEnvironmentKey() async throws {
        try await AzureUpstream.withRunning { azure, log in
            let stand = AzureUpstream.Settings()
            let entra = [
                "tenant_id: \(stand.tenantID)", "client_id: \(stand.clientID)", "client_secret: os.environ/ENTRA_SECRET",
                "azure_authority_host: \(azure.baseURL)",
            ]
            let config = Self.config([
                Self.entry("entra", "gpt4o", azure: azure, id: "az-entra", auth: entra),
                Self.entry("env", "gpt4o", azure: azure, id: "az-env", auth: []),
            ])
            let environment = ["ENTRA_SECRET": stand.clientSecret, "AZURE_API_KEY": stand.apiKey]
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly, environment: environment) { gateway in
                for model in ["entra", "entra", "env"] {
                    let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat(model), key: key)
                    #expect(reply.status == 200, "\(model): \(reply.body)")
                }
                #expect(await log.exchanges == 1)
                let headers = await log.calls.map { $0.headers["api-key"] ?? $0.headers["authorization"] ?? "" }
                #expect(headers[0].hasPrefix("Bearer entra-token-1"))
                #expect(headers[1] == headers[0])
                #expect(headers[2] == stand.apiKey)
            }
        }
    }

    @Test func inboundAzureRoutesTakeTheModelFromThePathAndTheKeyFromApiKey() async throws {
        try await AzureUpstream.withRunning { azure, log in
            let config = Self.config([
                Self.entry("gpt-4o", "gpt4o", azure: azure, id: "az-1"), Self.entry("embed", "emb", azure: azure, id: "az-emb"),
            ])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let chat: JSON = ["messages": [["role": "user", "content": "hello"]]]
                let reply = try await gateway.post(
                    "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", json: chat, headers: ["api-key": key])
                #expect(reply.status == 200, "\(reply.body)")
                #expect(reply.json?["choices"]?[0]?["message"]?["content"]?.stringValue == "azure says: hello")
                let embed = try await gateway.post(
                    "/openai/deployments/embed/embeddings?api-version=2024-10-21", json: ["input": "hi", "model": "ignored"],
                    headers: ["api-key": key])
                #expect(embed.status == 200, "\(embed.body)")
                let denied = try await gateway.post(
                    "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", json: chat, headers: ["api-key": "sk-wrong"])
                #expect(denied.status == 401)
                #expect(await log.calls.map(\.deployment) == ["gpt4o", "emb"])
            }
        }
    }

    @Test func badSettingsStopStartup() async throws {
        let azure = TestEndpoint(port: 1)
        let cases = [
            (Self.entry("a", "gpt4o", azure: azure, id: "a", auth: ["api_key: k-1", "api_version: 2024-10-21&x=1"]), "api_version"),
            (Self.entry("b", "gpt4o", azure: azure, id: "b", auth: ["tenant_id: t", "client_secret: very-secret-1"]), "client_id"),
            (Self.entry("c", "gpt4o", azure: azure, id: "c", auth: []), "no credentials"),
        ]
        for (entry, phrase) in cases {
            do {
                try await TestGateway.withRunning(config: Self.config([entry])) { _ in }
                Issue.record("started with \(phrase) wrong")
            } catch {
                #expect("\(error)".contains(phrase), "\(error)")
                #expect(!"\(error)".contains("very-secret-1"))
            }
        }
    }
}
