import GatewayCore
import Testing

/// Azure deployment names are the operator's: `base_model` (LiteLLM's) names the model the price map knows, under
/// `azure/` first.
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

    /// With no `base_model`, a deployment named after the model it serves prices as OpenAI's model; `base_model` wins
    /// over the name when both are known.
    @Test func aDeploymentNamedAfterItsModelPricesAsTheOpenAIFamily() throws {
        func deployment(_ model: String, info: JSON = [:]) throws -> Deployment {
            let entry: JSON = [
                "model_name": "m", "litellm_params": ["model": .string(model), "api_base": "https://r.openai.azure.com", "api_key": "k"],
                "model_info": info,
            ]
            return try Deployment(parsing: entry, path: "model_list[0]")
        }
        let named = try deployment("azure/gpt-4o")
        #expect(named.pricing == .bundled)
        #expect(named.inputCostPerToken == 2.5 / 1_000_000)
        #expect(try deployment("azure/gpt-4o-mini-2024-07-18").inputCostPerToken == 0.15 / 1_000_000)
        // Azure's own price where LiteLLM lists one (azure/text-embedding-3-small: 0.022 per million, OpenAI's is 0.02).
        #expect(try deployment("azure/text-embedding-3-small").inputCostPerToken == 2.2e-08)
        let based = try deployment("azure/gpt-4o", info: ["base_model": "azure/gpt-4o-mini"])
        #expect(based.inputCostPerToken == 0.15 / 1_000_000, "base_model says which model the deployment serves")
    }
}
