import Testing

@testable import GatewayCore

/// Bedrock model ids in the price table: inference profiles, versions and vendor prefixes looked through
/// (``ModelPrices/lookupNames(_:)``), Bedrock-only families found under `vendor.model`.
struct BedrockModelPricesTests {
    static func perMillion(_ model: String) -> (input: Double, output: Double)? {
        ModelPrices.price(of: model).map { (($0.inputPerToken * 1e6 * 1e6).rounded() / 1e6, ($0.outputPerToken * 1e6 * 1e6).rounded() / 1e6) }
    }

    @Test func bedrockIDsPriceAsTheirFamily() throws {
        let sonnet = try #require(ModelPrices.price(of: "claude-3-5-sonnet"))
        #expect(ModelPrices.price(of: "anthropic.claude-3-5-sonnet-20241022-v2:0") == sonnet)
        #expect(ModelPrices.price(of: "us.anthropic.claude-sonnet-4-20250514-v1:0") == ModelPrices.price(of: "claude-sonnet-4"))
        #expect(ModelPrices.price(of: "global.anthropic.claude-sonnet-4-5-20250929-v1:0") == ModelPrices.price(of: "claude-sonnet-4-5"))
        #expect(ModelPrices.price(of: "eu.anthropic.claude-3-7-sonnet-20250219-v1:0") == ModelPrices.price(of: "claude-3-7-sonnet"))
        #expect(ModelPrices.price(of: "apac.anthropic.claude-3-haiku-20240307-v1:0") == ModelPrices.price(of: "claude-3-haiku"))

        let expected: [String: (Double, Double)] = [
            "amazon.titan-embed-text-v2:0": (0.02, 0), "amazon.titan-embed-text-v1": (0.1, 0), "us.amazon.titan-embed-text-v2:0": (0.02, 0),
            "meta.llama3-1-70b-instruct-v1:0": (0.72, 0.72), "us.meta.llama3-3-70b-instruct-v1:0": (0.72, 0.72),
            "meta.llama3-1-8b-instruct-v1:0": (0.22, 0.22), "meta.llama3-70b-instruct-v1:0": (2.65, 3.5),
            "amazon.nova-pro-v1:0": (0.8, 3.2), "us.amazon.nova-lite-v1:0": (0.06, 0.24), "amazon.nova-micro-v1:0": (0.035, 0.14),
            "amazon.nova-2-lite-v1:0": (0.3, 2.5), "cohere.embed-english-v3": (0.1, 0), "cohere.embed-multilingual-v3": (0.1, 0),
            "mistral.mistral-large-2407-v1:0": (4, 12), "mistral.mixtral-8x7b-instruct-v0:1": (0.45, 0.7),
            "cohere.command-r-plus-v1:0": (3, 15), "cohere.command-r-v1:0": (0.5, 1.5), "us.deepseek.r1-v1:0": (1.35, 5.4),
        ]
        for (model, (input, output)) in expected {
            let price = try #require(Self.perMillion(model), "\(model)")
            #expect(price.input == input && price.output == output, "\(model): \(price)")
        }
        #expect(ModelPrices.price(of: "amazon.nova-pro-v1:0")?.cacheReadPerToken == 0.2 / 1_000_000)
        #expect(ModelPrices.price(of: "amazon.titan-embed-text-v2:0")?.contextWindow == 8_192)
    }

    @Test func namesThatAreNotBedrockIDsAreLookedUpAsTheyAre() {
        #expect(ModelPrices.lookupNames("gpt-4.1-mini") == ["gpt-4.1-mini"])
        #expect(ModelPrices.lookupNames("llama-3.1-8b-instant") == ["llama-3.1-8b-instant"])
        #expect(
            ModelPrices.lookupNames("us.anthropic.claude-3-5-sonnet-20241022-v2:0") == [
                "us.anthropic.claude-3-5-sonnet-20241022-v2:0", "anthropic.claude-3-5-sonnet-20241022-v2:0",
                "anthropic.claude-3-5-sonnet-20241022-v2", "anthropic.claude-3-5-sonnet-20241022", "claude-3-5-sonnet-20241022-v2",
                "claude-3-5-sonnet-20241022",
            ])
        #expect(ModelPrices.price(of: "amazon.titan-embed-image-v1") == nil)
        #expect(ModelPrices.price(of: "us.unknown.model-v1:0") == nil)
        #expect(ModelPrices.price(of: "anthropic.") == nil)
        #expect(ModelPrices.price(of: "us.") == nil)
    }

    @Test func bedrockDeploymentsPriceFromTheTableAndAConfigFileCanPriceOneProfileApart() throws {
        let config = try GatewayConfig(
            parsing: try JSONParser.parse(
                """
                {"model_prices": {"eu.anthropic.claude-3-7-sonnet-20250219-v1:0": {"input_cost_per_token": 0.0000033, "output_cost_per_token": 0.0000165}},
                 "model_list": [
                   {"model_name": "nova", "litellm_params": {"model": "bedrock/us.amazon.nova-pro-v1:0"}},
                   {"model_name": "claude-us", "litellm_params": {"model": "bedrock/us.anthropic.claude-3-7-sonnet-20250219-v1:0"}},
                   {"model_name": "claude-eu", "litellm_params": {"model": "bedrock/eu.anthropic.claude-3-7-sonnet-20250219-v1:0"}},
                   {"model_name": "arn", "litellm_params": {"model": "bedrock/arn:aws:bedrock:us-east-1:123:application-inference-profile/x"},
                    "model_info": {"base_model": "bedrock/amazon.nova-lite-v1:0"}}]}
                """), environment: [:])
        let byName = Dictionary(uniqueKeysWithValues: config.deployments.map { ($0.modelName, $0) })
        let nova = try #require(byName["nova"])
        #expect(nova.pricing == .bundled)
        #expect(nova.inputCostPerToken == 0.8 / 1_000_000)
        #expect(nova.contextWindow == 300_000)
        #expect(byName["claude-us"]?.pricing == .bundled)
        #expect(byName["claude-us"]?.cacheWriteCostPerToken == 3.75 / 1_000_000)
        #expect(byName["claude-eu"]?.pricing == .configFile)
        #expect(byName["claude-eu"]?.inputCostPerToken == 0.0000033)
        #expect(byName["arn"]?.pricing == .bundled)
        #expect(byName["arn"]?.inputCostPerToken == 0.06 / 1_000_000)
    }
}
