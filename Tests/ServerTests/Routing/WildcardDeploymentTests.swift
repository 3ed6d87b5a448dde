import GatewayCore
import GatewayTesting
import Testing

/// Wildcard deployments (`model_name: "openai/*"`, `"*"`) route any name they match, with the matched part as the
/// upstream model; exact names win, then the most specific pattern; access applies to the requested name;
/// `/v1/models` lists the patterns and the names they have served; health checks skip them.
struct WildcardDeploymentTests {
    static let master = GatewayFixture.masterKey

    static func config(upstream: TestEndpoint) -> String {
        """
        model_list:
          - model_name: gpt-test
            litellm_params: {model: openai/echo, api_base: "\(upstream.baseURL)/v1", api_key: sk-exact}
          - model_name: "openai/*"
            litellm_params: {model: "openai/*", api_base: "\(upstream.baseURL)/v1", api_key: sk-prefixed}
          - model_name: "*"
            litellm_params: {model: "openai/*", api_base: "\(upstream.baseURL)/v1", api_key: sk-catch-all}
        general_settings:
          master_key: \(master)
        """
    }

    static let plugins = """
        {"plugins": [{"name": "sqlite-store", "config": {"path": "$TMP/wild.db"}}, {"name": "master-key-auth"}, {"name": "virtual-keys"},
          {"name": "routing"}]}
        """

    @Test func wildcardsRouteWhatTheyMatchAndListWhatTheyServed() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            try await TestGateway.withRunning(config: Self.config(upstream: upstream), plugins: Self.plugins) { gateway in
                // The most specific pattern serves, with the matched part as the upstream model.
                let prefixed = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("openai/gpt-x"), key: Self.master)
                #expect(prefixed.status == 200, "\(prefixed.body)")
                var call = try #require(await recorder.last)
                #expect(call.model == "gpt-x")
                #expect(call.headers["authorization"] == "Bearer sk-prefixed")

                let anything = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("llama-3"), key: Self.master)
                #expect(anything.status == 200, "\(anything.body)")
                call = try #require(await recorder.last)
                #expect(call.model == "llama-3")
                #expect(call.headers["authorization"] == "Bearer sk-catch-all")

                // An exact name is never taken by a pattern.
                _ = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: Self.master)
                call = try #require(await recorder.last)
                #expect(call.model == "echo")
                #expect(call.headers["authorization"] == "Bearer sk-exact")

                let listed = try await gateway.get("/v1/models", key: Self.master).json?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
                #expect(listed == ["gpt-test", "openai/*", "*", "openai/gpt-x", "llama-3"], "\(listed ?? [])")

                // Access applies to the requested name: a key for `openai/gpt-*` reaches `openai/gpt-...` only, and
                // lists the served names it may use.
                let key = try #require(
                    try await gateway.post("/key/generate", json: ["models": ["openai/gpt-*"]], key: Self.master).json?["key"]?.stringValue)
                let allowed = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("openai/gpt-y"), key: key)
                #expect(allowed.status == 200, "\(allowed.body)")
                #expect(try #require(await recorder.last).model == "gpt-y")
                let denied = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("llama-3"), key: key)
                #expect(denied.status == 403, "\(denied.body)")
                let keyModels = try await gateway.get("/v1/models", key: key).json?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
                #expect(keyModels == ["openai/gpt-x", "openai/gpt-y"], "\(keyModels ?? [])")

                // Health checks leave the patterns out: only `gpt-test` is probed.
                let health = try await gateway.get("/health", key: Self.master)
                #expect(health.status == 200, "\(health.body)")
                let checked = (health.json?["healthy_endpoints"]?.arrayValue ?? []) + (health.json?["unhealthy_endpoints"]?.arrayValue ?? [])
                #expect(checked.compactMap { $0["model_name"]?.stringValue } == ["gpt-test"], "\(health.body)")
            }
        }
    }
}
