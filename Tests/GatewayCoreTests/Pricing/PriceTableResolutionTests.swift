import Testing

@testable import GatewayCore

/// How a model resolves: the deployment's own prices, config.yaml's `model_prices`, then the price map; under the
/// provider's name before the bare one; exact names before families.
struct PriceTableResolutionTests {
    private func price(_ model: String, provider: String? = nil, in table: PriceTable = PriceTable()) -> ModelPrice? {
        table.price(of: model, provider: provider)?.price
    }

    private func deployment(_ params: String, info: String = "{}", prices: PriceTable = PriceTable()) throws -> Deployment {
        let entry = try JSONParser.parse(#"{"model_name": "m", "litellm_params": \#(params), "model_info": \#(info)}"#)
        return try Deployment(parsing: entry, path: "test", prices: prices)
    }

    @Test func exactNamesAndDatedSnapshotsFindTheirFamily() throws {
        let mini = try #require(price("gpt-4o-mini"))
        #expect(mini.inputPerToken == 1.5e-07)
        #expect(mini.outputPerToken == 6e-07)
        #expect(mini.contextWindow == 128_000)
        #expect(price("GPT-4o-Mini") == mini)
        #expect(price("gpt-4o") != mini)
        // A snapshot LiteLLM does not list prices as its family.
        let snapshot = try #require(PriceTable().resolve(model: "claude-sonnet-4-5-20991231", provider: "anthropic"))
        #expect(snapshot.key == "claude-sonnet-4-5" && !snapshot.exact)
        #expect(snapshot.price == price("claude-sonnet-4-5"))
    }

    @Test func aNameThatOnlySharesAPrefixIsUnknown() {
        #expect(price("gpt-4ox") == nil)
        #expect(price("echo") == nil)
        #expect(price("") == nil)
        #expect(price("-") == nil)
        #expect(price("gpt-4o-", provider: "openai") == price("gpt-4o"), "a trailing dash is the family's")
    }

    @Test func theProvidersOwnNameBeatsTheBareOne() throws {
        let map = PriceMap.bundled
        // LiteLLM lists Azure's embedding price apart from OpenAI's: an azure/ deployment gets Azure's.
        let azure = try #require(map.entry(named: "azure/text-embedding-3-small"))
        let openai = try #require(map.entry(named: "text-embedding-3-small"))
        #expect(azure.price.inputPerToken != openai.price.inputPerToken, "the fixture needs two different prices")
        #expect(price("text-embedding-3-small", provider: "azure") == azure.price)
        #expect(price("text-embedding-3-small", provider: "openai") == openai.price)
        // Vertex's Claude under vertex_ai/, Gemini's API under gemini/.
        let vertex = try #require(PriceTable().resolve(model: "claude-sonnet-4-5", provider: "vertex_ai"))
        #expect(vertex.key == "vertex_ai/claude-sonnet-4-5" && vertex.entry?.provider == "vertex_ai-anthropic_models")
        let gemini = try #require(PriceTable().resolve(model: "gemini-2.5-flash", provider: "gemini"))
        #expect(gemini.key == "gemini/gemini-2.5-flash" && gemini.entry?.provider == "gemini")
        // A provider LiteLLM lists nothing apart for falls back to the bare name.
        let bare = try #require(PriceTable().resolve(model: "gpt-4o", provider: "openai"))
        #expect(bare.key == "gpt-4o" && bare.name == "gpt-4o")
    }

    @Test func theConfigFileBeatsTheMapExactlyOrForASnapshotButNotForAnotherModel() throws {
        let table = try PriceTable(
            parsing: JSONParser.parse(
                #"""
                {"gpt-4o": {"input_cost_per_token": 0.000003, "output_cost_per_token": 0.000009},
                 "vertex_ai/gemini-2.5-pro": {"input_cost_per_token": 0.000001, "input_cost_per_query": 0.5, "max_input_tokens": 1000},
                 "claude-sonnet-4-5": {"input_cost_per_token": 0.000002, "max_tokens": 77}}
                """#), path: "model_prices")
        let own = try #require(table.resolve(model: "gpt-4o", provider: "azure"))
        #expect(own.source == .configFile && own.key == "gpt-4o", "the file's bare name beats the map's azure/gpt-4o")
        #expect(own.price.inputPerToken == 0.000003 && own.price.cacheReadPerToken == nil, "the file's prices, not mixed with the map's")
        #expect(own.price.contextWindow == 128_000 && own.price.maxOutputTokens == 16_384, "limits the file does not set are the map's")
        let snapshot = try #require(table.resolve(model: "gpt-4o-2024-08-06", provider: "openai"))
        #expect(snapshot.source == .configFile && !snapshot.exact, "a dated snapshot of the file's model is the file's")
        let other = try #require(table.resolve(model: "gpt-4o-mini", provider: "openai"))
        #expect(other.source == .bundled && other.key == "gpt-4o-mini", "gpt-4o-mini is its own model, not gpt-4o's")
        let vertex = try #require(table.resolve(model: "gemini-2.5-pro", provider: "vertex_ai"))
        #expect(vertex.source == .configFile && vertex.price.perQuery == 0.5 && vertex.price.contextWindow == 1000)
        #expect(table.resolve(model: "gemini-2.5-pro", provider: "gemini")?.source == .bundled, "only Vertex's is overridden")
        #expect(table.resolve(model: "claude-sonnet-4-5", provider: "anthropic")?.price.contextWindow == 77, "LiteLLM's older max_tokens")
    }

    @Test func configuredCostsWinTheTablesFillTheRestUnknownCostsZero() throws {
        let bundled = try deployment(#"{"model": "openai/gpt-4o-mini"}"#)
        #expect(bundled.pricing == .bundled)
        #expect(bundled.inputCostPerToken == 1.5e-07)
        #expect(bundled.contextWindow == 128_000)
        #expect(abs(bundled.cost(of: Usage(promptTokens: 1_000_000, completionTokens: 1_000_000)) - 0.75) < 1e-12)

        let configured = try deployment(#"{"model": "openai/gpt-4o-mini", "input_cost_per_token": 0.001}"#, info: #"{"max_tokens": 4096}"#)
        #expect(configured.pricing == .configured)
        #expect(configured.inputCostPerToken == 0.001)
        #expect(configured.outputCostPerToken == 6e-07)
        #expect(configured.contextWindow == 4096)

        let file = try PriceTable(parsing: JSONParser.parse(#"{"gpt-4o-mini": {"output_cost_per_token": 0.002}}"#), path: "model_prices")
        let fromFile = try deployment(#"{"model": "openai/gpt-4o-mini"}"#, prices: file)
        #expect(fromFile.pricing == .configFile && fromFile.outputCostPerToken == 0.002)
        let ownOverFile = try deployment(#"{"model": "openai/gpt-4o-mini", "output_cost_per_token": 0.003}"#, prices: file)
        #expect(ownOverFile.pricing == .configured && ownOverFile.outputCostPerToken == 0.003)

        let unknown = try deployment(#"{"model": "hosted_vllm/my-finetune", "api_base": "http://127.0.0.1:1"}"#)
        #expect(unknown.pricing == .unknown)
        #expect(unknown.cost(of: Usage(promptTokens: 100, completionTokens: 100)) == 0)

        // litellm_params.max_tokens is a request parameter, not the model's context window.
        let requestParam = try deployment(#"{"model": "openai/gpt-4o", "max_tokens": 50}"#)
        #expect(requestParam.contextWindow == 128_000)
        #expect(requestParam.extraParams["max_tokens"] == 50)
    }

    @Test func aProviderQualifiedDeploymentPricesUnderItsProvidersName() throws {
        let vertex = try deployment(#"{"model": "vertex_ai/claude-sonnet-4-5", "vertex_project": "p"}"#)
        let listed = try #require(PriceMap.bundled.entry(named: "vertex_ai/claude-sonnet-4-5"))
        #expect(vertex.pricing == .bundled)
        #expect(vertex.inputCostPerToken == listed.price.inputPerToken)
        #expect(vertex.cacheWriteCostPerToken == listed.price.cacheWritePerToken)
        // base_model without a prefix is looked up under the deployment's provider first.
        let azure = try deployment(
            #"{"model": "azure/my-embedder", "api_base": "https://r.openai.azure.com", "api_key": "k", "base_model": "text-embedding-3-small"}"#)
        #expect(azure.inputCostPerToken == PriceMap.bundled.entry(named: "azure/text-embedding-3-small")?.price.inputPerToken)
    }

    @Test func snapshotSuffixes() {
        #expect(PriceTable.isSnapshotSuffix("-2024-08-06"))
        #expect(PriceTable.isSnapshotSuffix("-20241022"))
        #expect(PriceTable.isSnapshotSuffix("-0613"))
        #expect(!PriceTable.isSnapshotSuffix("-mini"))
        #expect(!PriceTable.isSnapshotSuffix("-4"))
        #expect(!PriceTable.isSnapshotSuffix("2024"))
        #expect(!PriceTable.isSnapshotSuffix("-mini-2024-07-18"))
    }
}
