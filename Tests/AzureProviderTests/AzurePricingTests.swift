import GatewayCore
import Testing

/// Azure deployment names are the operator's: `base_model` (LiteLLM's) names the model the price table knows.
struct AzurePricingTests {
    static func entry(info: JSON = [:], params: [String: JSON] = [:]) -> JSON {
        var litellm: JSON = ["model": "azure/gpt4o-prod", "api_base": "https://r.openai.azure.com", "api_key": "k"]
        for (key, value) in params { litellm[key] = value }
        return ["model_name": "gpt-4o", "litellm_params": litellm, "model_info": info]
    }

    @Test func baseModelPricesAnAzureDeployment() throws {
        let plain = try Deployment(parsing: Self.entry(), path: "model_list[0]")
        #expect(plain.pricing == .unknown)
        for entry in [Self.entry(info: ["base_model": "azure/gpt-4o"]), Self.entry(params: ["base_model": "gpt-4o"])] {
            let priced = try Deployment(parsing: entry, path: "model_list[0]")
            #expect(priced.pricing == .bundled)
            #expect(priced.inputCostPerToken > 0)
            #expect(priced.contextWindow == 128_000)
            #expect(priced.outputLimit(prices: PriceTable()) == 16_384)
            #expect(priced.upstreamModel == "gpt4o-prod")
        }
    }
}
