import Testing

@testable import GatewayCore

struct ModelPricesTests {
    @Test func exactNamesAndDatedSnapshotsFindTheirFamily() throws {
        let mini = try #require(ModelPrices.price(of: "gpt-4o-mini"))
        #expect(mini.inputPerToken == 0.15 / 1_000_000)
        #expect(mini.outputPerToken == 0.6 / 1_000_000)
        #expect(mini.contextWindow == 128_000)
        #expect(ModelPrices.price(of: "gpt-4o-mini-2024-07-18") == mini)
        #expect(ModelPrices.price(of: "GPT-4o-Mini") == mini)
        #expect(ModelPrices.price(of: "gpt-4o-2024-08-06") == ModelPrices.price(of: "gpt-4o"))
        #expect(ModelPrices.price(of: "gpt-4o") != mini)
        #expect(ModelPrices.price(of: "claude-sonnet-4-5-20250929") == ModelPrices.price(of: "claude-sonnet-4-5"))
        #expect(ModelPrices.price(of: "claude-3-5-haiku-latest")?.outputPerToken == 4.0 / 1_000_000)
    }

    @Test func aNameThatOnlySharesAPrefixIsUnknown() {
        #expect(ModelPrices.price(of: "gpt-4ox") == nil)
        #expect(ModelPrices.price(of: "echo") == nil)
        #expect(ModelPrices.price(of: "") == nil)
    }

    private func deployment(_ params: String, info: String = "{}") throws -> Deployment {
        let entry = try JSONParser.parse(#"{"model_name": "m", "litellm_params": \#(params), "model_info": \#(info)}"#)
        return try Deployment(parsing: entry, path: "test")
    }

    @Test func configuredCostsWinTheTableFillsTheRestUnknownCostsZero() throws {
        let bundled = try deployment(#"{"model": "openai/gpt-4o-mini"}"#)
        #expect(bundled.pricing == .bundled)
        #expect(bundled.inputCostPerToken == 0.15 / 1_000_000)
        #expect(bundled.contextWindow == 128_000)
        #expect(bundled.cost(of: Usage(promptTokens: 1_000_000, completionTokens: 1_000_000)) == 0.75)

        let configured = try deployment(#"{"model": "openai/gpt-4o-mini", "input_cost_per_token": 0.001}"#, info: #"{"max_tokens": 4096}"#)
        #expect(configured.pricing == .configured)
        #expect(configured.inputCostPerToken == 0.001)
        #expect(configured.outputCostPerToken == 0.6 / 1_000_000)
        #expect(configured.contextWindow == 4096)

        let unknown = try deployment(#"{"model": "hosted_vllm/my-finetune", "api_base": "http://127.0.0.1:1"}"#)
        #expect(unknown.pricing == .unknown)
        #expect(unknown.cost(of: Usage(promptTokens: 100, completionTokens: 100)) == 0)

        // litellm_params.max_tokens is a request parameter, not the model's context window.
        let requestParam = try deployment(#"{"model": "openai/gpt-4o", "max_tokens": 50}"#)
        #expect(requestParam.contextWindow == 128_000)
        #expect(requestParam.extraParams["max_tokens"] == 50)
    }
}
