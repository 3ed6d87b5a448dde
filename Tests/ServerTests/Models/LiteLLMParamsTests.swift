import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// `litellm_params` that configure the gateway (LiteLLM's `region_name`, `num_retries`, `input_cost_per_second`,
/// `mock_*`, `tags`, ...) never reach the upstream; request parameters (`temperature`, ...) still do as defaults;
/// per-deployment `num_retries` / `max_retries` take effect; unknown names are a startup warning.
struct LiteLLMParamsTests {
    static let master = GatewayFixture.masterKey

    static func config(upstream: TestEndpoint) -> String {
        """
        model_list:
          - model_name: tuned
            litellm_params:
              model: openai/echo
              api_base: "\(upstream.baseURL)/v1"
              api_key: sk-upstream
              temperature: 0.3
              region_name: eu-west-1
              num_retries: 1
              input_cost_per_second: 0.1
              tags: [team-a]
              use_in_pass_through: false
              merge_reasoning_content_in_choices: true
              mock_testing_fallbacks: true
              my_custom_flag: 1
          - model_name: retried
            litellm_params: {model: openai/status-500, api_base: "\(upstream.baseURL)/v1", api_key: sk-upstream, num_retries: 2}
          - model_name: slowpoke
            litellm_params: {model: openai/hang, api_base: "\(upstream.baseURL)/v1", api_key: sk-upstream, timeout: 60}
          - model_name: retried-litellm-name
            litellm_params: {model: openai/status-503, api_base: "\(upstream.baseURL)/v1", api_key: sk-upstream, max_retries: 1}
        router_settings:
          retry_after: 0
        general_settings:
          master_key: \(master)
        """
    }

    @Test func gatewaySettingsStayInTheGatewayAndRetriesTakeEffect() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            try await TestGateway.withRunning(config: Self.config(upstream: upstream), plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("tuned"), key: Self.master)
                #expect(reply.status == 200, "\(reply.body)")
                let call = try #require(await recorder.last)
                #expect(call.body["temperature"] == 0.3, "a request parameter is still a default")
                for name in [
                    "region_name", "num_retries", "input_cost_per_second", "tags", "use_in_pass_through", "merge_reasoning_content_in_choices",
                    "mock_testing_fallbacks", "my_custom_flag",
                ] {
                    #expect(call.body[name] == nil, "\(name) reached the upstream")
                }

                let failing = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("retried"), key: Self.master)
                #expect(failing.status == 502, "\(failing.body)")
                #expect(await recorder.calls.filter { $0.model == "status-500" }.count == 3, "one call and the deployment's two retries")
                #expect(failing.header("x-litellm-attempted-retries") == "2")

                _ = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("retried-litellm-name"), key: Self.master)
                #expect(await recorder.calls.filter { $0.model == "status-503" }.count == 2, "LiteLLM's max_retries reads the same")

                // LiteLLM's headers: the deployment's region, and the client's per-request timeout, honoured and echoed.
                #expect(reply.header("x-litellm-model-region") == "eu-west-1")
                let started = ContinuousClock.now
                let cut = try await gateway.request(
                    .POST, "/v1/chat/completions", body: GatewayFixture.chat("slowpoke").serializedString(),
                    headers: ["authorization": "Bearer \(Self.master)", "x-litellm-timeout": "1"])
                #expect(cut.status == 504, "\(cut.body)")
                #expect(ContinuousClock.now - started < .seconds(30), "the deployment's 60 s timeout was used")
                #expect(cut.header("x-litellm-timeout") == "1")
                let bad = try await gateway.request(
                    .POST, "/v1/chat/completions", body: GatewayFixture.chat("tuned").serializedString(),
                    headers: ["authorization": "Bearer \(Self.master)", "x-litellm-timeout": "soon"])
                #expect(bad.status == 400)
                #expect(bad.error?["param"] == "x-litellm-timeout")
            }
        }
    }

    @Test func unknownParamsAreAStartupWarning() throws {
        let document: JSON = [
            "model_list": [
                ["model_name": "a", "litellm_params": ["model": "openai/x", "region_name": "eu", "temprature": 0.2, "aws_secret_access_key": "s"]]
            ]
        ]
        let config = try GatewayConfig(parsing: document, environment: [:])
        #expect(config.warnings.contains { $0.contains("'temprature'") }, "\(config.warnings)")
        #expect(!config.warnings.contains { $0.contains("region_name") || $0.contains("aws_secret_access_key") }, "\(config.warnings)")
    }
}
