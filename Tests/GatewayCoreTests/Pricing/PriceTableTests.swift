import Testing

@testable import GatewayCore

/// config.yaml's `model_prices`: over the bundled table, under a deployment's own prices.
struct PriceTableTests {
    private func config(_ yaml: String) throws -> GatewayConfig {
        try GatewayConfig(parsing: try JSONParser.parse(yaml), environment: [:])
    }

    @Test func theConfigFilesPricesOverrideTheBundledTableButNotADeploymentsOwn() throws {
        let parsed = try config(
            """
            {"model_prices": {"gpt-4o": {"input_cost_per_token": 0.000003, "output_cost_per_token": 0.000009},
                              "my-finetune": {"input_cost_per_token": 0.000001, "max_tokens": 32768}},
             "model_list": [
               {"model_name": "a", "litellm_params": {"model": "openai/gpt-4o-2024-08-06"}},
               {"model_name": "b", "litellm_params": {"model": "openai/my-finetune"}},
               {"model_name": "c", "litellm_params": {"model": "openai/gpt-4o", "input_cost_per_token": 0.5}},
               {"model_name": "d", "litellm_params": {"model": "openai/gpt-4o-mini"}}]}
            """)
        let byName = Dictionary(uniqueKeysWithValues: parsed.deployments.map { ($0.modelName, $0) })
        let a = try #require(byName["a"])
        #expect(a.pricing == .configFile)
        #expect(a.inputCostPerToken == 0.000003)
        #expect(a.outputCostPerToken == 0.000009)
        let b = try #require(byName["b"])
        #expect(b.pricing == .configFile)
        #expect(b.outputCostPerToken == 0)
        #expect(b.contextWindow == 32768)
        let c = try #require(byName["c"])
        #expect(c.pricing == .configured)
        #expect(c.inputCostPerToken == 0.5)
        #expect(c.outputCostPerToken == 0.000009, "the unset price comes from the config file's table")
        #expect(byName["d"]?.pricing == .bundled, "gpt-4o-mini is its own family, not gpt-4o's")
    }

    @Test func aBadPriceEntryStopsStartupNamingIt() throws {
        #expect(throws: ConfigError.self) { try config(#"{"model_prices": [1]}"#) }
        do {
            _ = try config(#"{"model_prices": {"m": {"input_cost_per_token": -1}}}"#)
            Issue.record("a negative price was accepted")
        } catch let error as ConfigError {
            #expect(error.message.contains("model_prices.m.input_cost_per_token"), "\(error)")
        }
    }
}
