import Testing

@testable import GatewayCore

/// Bedrock model ids in the price map: LiteLLM's own ids (inference profiles included), and ids it does not list looked
/// up under their shorter forms (``PriceTable/bedrockNames(_:)``: without region, version, revision, vendor).
struct BedrockModelPricesTests {
    static func price(_ model: String) -> ModelPrice? { PriceTable().price(of: model, provider: "bedrock")?.price }

    static func perMillion(_ model: String) -> (input: Double, output: Double)? {
        price(model).map { (($0.inputPerToken * 1e6 * 1e6).rounded() / 1e6, ($0.outputPerToken * 1e6 * 1e6).rounded() / 1e6) }
    }

    @Test func bedrockIDsPriceAsLiteLLMListsThemOrAsTheModelTheyServe() throws {
        let sonnet45 = try #require(PriceTable().price(of: "claude-sonnet-4-5")?.price)
        #expect(Self.price("global.anthropic.claude-sonnet-4-5-20250929-v1:0")?.inputPerToken == sonnet45.inputPerToken)
        #expect(Self.price("global.anthropic.claude-sonnet-4-5-20250929-v1:0")?.cacheWritePerToken == sonnet45.cacheWritePerToken)
        // A region prefix LiteLLM does not list prices as the id without it.
        let profile = try #require(PriceTable().resolve(model: "jp.amazon.nova-pro-v1:0", provider: "bedrock"))
        #expect(profile.key == "amazon.nova-pro-v1:0" && profile.exact && profile.source == .bundled)
        #expect(profile.price == Self.price("amazon.nova-pro-v1:0"))

        // Per million tokens, as LiteLLM's file lists them (mistral-large-2407: 2/6, where the old hand-written table
        // said 4/12, AWS's price before its cut).
        let expected: [String: (Double, Double)] = [
            "amazon.titan-embed-text-v2:0": (0.02, 0), "amazon.titan-embed-text-v1": (0.1, 0), "us.amazon.titan-embed-text-v2:0": (0.02, 0),
            "meta.llama3-1-70b-instruct-v1:0": (0.72, 0.72), "us.meta.llama3-3-70b-instruct-v1:0": (0.72, 0.72),
            "meta.llama3-1-8b-instruct-v1:0": (0.22, 0.22), "meta.llama3-70b-instruct-v1:0": (2.65, 3.5),
            "amazon.nova-pro-v1:0": (0.8, 3.2), "us.amazon.nova-lite-v1:0": (0.06, 0.24), "amazon.nova-micro-v1:0": (0.035, 0.14),
            "amazon.nova-2-lite-v1:0": (0.3, 2.5), "cohere.embed-english-v3": (0.1, 0), "cohere.embed-multilingual-v3": (0.1, 0),
            "mistral.mistral-large-2407-v1:0": (2, 6), "mistral.mixtral-8x7b-instruct-v0:1": (0.45, 0.7), "us.deepseek.r1-v1:0": (1.35, 5.4),
        ]
        for (model, (input, output)) in expected {
            let price = try #require(Self.perMillion(model), "\(model)")
            #expect(price.input == input && price.output == output, "\(model): \(price)")
        }
        #expect(Self.price("amazon.nova-pro-v1:0")?.cacheReadPerToken == 2e-07)
        #expect(Self.price("amazon.titan-embed-text-v2:0")?.contextWindow == 8_192)
    }

    @Test func namesThatAreNotBedrockIDsAreLookedUpAsTheyAre() {
        #expect(PriceTable.bedrockNames("gpt-4.1-mini") == ["gpt-4.1-mini"])
        #expect(PriceTable.bedrockNames("llama-3.1-8b-instant") == ["llama-3.1-8b-instant"])
        #expect(
            PriceTable.bedrockNames("us.anthropic.claude-3-5-sonnet-20241022-v2:0") == [
                "us.anthropic.claude-3-5-sonnet-20241022-v2:0", "anthropic.claude-3-5-sonnet-20241022-v2:0",
                "anthropic.claude-3-5-sonnet-20241022-v2", "anthropic.claude-3-5-sonnet-20241022", "claude-3-5-sonnet-20241022-v2",
                "claude-3-5-sonnet-20241022",
            ])
        #expect(
            PriceTable.lookupNames(model: "us.amazon.nova-pro-v1:0", provider: "bedrock") == [
                "bedrock/us.amazon.nova-pro-v1:0", "us.amazon.nova-pro-v1:0", "amazon.nova-pro-v1:0", "amazon.nova-pro-v1", "amazon.nova-pro",
                "nova-pro-v1", "nova-pro",
            ])
        #expect(Self.price("us.unknown.model-v1:0") == nil)
        #expect(Self.price("anthropic.") == nil)
        #expect(Self.price("us.") == nil)
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
        #expect(nova.inputCostPerToken == 8e-07)
        #expect(nova.contextWindow == 300_000)
        #expect(byName["claude-us"]?.pricing == .bundled)
        #expect(byName["claude-us"]?.cacheWriteCostPerToken == 3.75e-06)
        #expect(byName["claude-eu"]?.pricing == .configFile)
        #expect(byName["claude-eu"]?.inputCostPerToken == 0.0000033)
        #expect(byName["arn"]?.pricing == .bundled)
        #expect(byName["arn"]?.inputCostPerToken == 6e-08)
    }
}
