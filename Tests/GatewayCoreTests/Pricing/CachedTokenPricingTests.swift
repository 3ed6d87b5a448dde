import Testing

@testable import GatewayCore

/// Cached input and reasoning output priced apart: LiteLLM's `cache_read_input_token_cost`,
/// `cache_creation_input_token_cost` and `output_cost_per_reasoning_token`, from a deployment, config.yaml's
/// `model_prices` or the price map.
struct CachedTokenPricingTests {
    private func deployment(_ params: String, info: String = "{}", prices: PriceTable = PriceTable()) throws -> Deployment {
        let entry = try JSONParser.parse(#"{"model_name": "m", "litellm_params": \#(params), "model_info": \#(info)}"#)
        return try Deployment(parsing: entry, path: "test", prices: prices)
    }

    private func close(_ value: Double, _ expected: Double) -> Bool { abs(value - expected) <= abs(expected) * 1e-12 }

    @Test func cacheReadsWritesAndReasoningAreEachPricedAtTheirOwnPrice() throws {
        let priced = try deployment(
            #"""
            {"model": "anthropic/my-claude", "input_cost_per_token": 0.000003, "output_cost_per_token": 0.000015,
             "cache_read_input_token_cost": 0.0000003, "cache_creation_input_token_cost": 0.00000375,
             "output_cost_per_reasoning_token": 0.00002}
            """#)
        #expect(priced.pricing == .configured)
        #expect(priced.extraParams.isEmpty, "prices are the deployment's, never request parameters")
        let usage = Usage(promptTokens: 1100, completionTokens: 300, cachedReadTokens: 800, cacheWriteTokens: 200, reasoningTokens: 120)
        // 100 uncached input, 800 cache reads, 200 cache writes, 180 plain output, 120 reasoning.
        let expected = 100 * 0.000003 + 800 * 0.0000003 + 200 * 0.00000375 + 180 * 0.000015 + 120 * 0.00002
        #expect(close(priced.cost(of: usage), expected), "\(priced.cost(of: usage)) ≠ \(expected)")
    }

    @Test func absentCachePricesBillAtTheInputPriceAndReasoningAtTheOutputPrice() throws {
        let plain = try deployment(#"{"model": "openai/echo", "input_cost_per_token": 0.001, "output_cost_per_token": 0.002}"#)
        #expect(plain.cacheReadCostPerToken == nil)
        #expect(plain.cacheWriteCostPerToken == nil)
        #expect(plain.reasoningCostPerToken == nil)
        let usage = Usage(promptTokens: 1100, completionTokens: 300, cachedReadTokens: 800, cacheWriteTokens: 200, reasoningTokens: 120)
        #expect(close(plain.cost(of: usage), 1100 * 0.001 + 300 * 0.002), "the same as without any cache")
        // A count set by hand past its total costs no more than the total.
        var raw = Usage(promptTokens: 10, completionTokens: 10)
        raw.cachedReadTokens = .max
        raw.reasoningTokens = .max
        #expect(close(plain.cost(of: raw), 10 * 0.001 + 10 * 0.002))
    }

    @Test func theBundledMapCarriesCachePricesForOpenAIAndAnthropic() throws {
        let table = PriceTable()
        let sonnet = try #require(table.price(of: "claude-sonnet-4-5-20250929", provider: "anthropic")?.price)
        #expect(close(try #require(sonnet.cacheReadPerToken), 0.3 / 1_000_000))
        #expect(close(try #require(sonnet.cacheWritePerToken), 3.75 / 1_000_000))
        let gpt4o = try #require(table.price(of: "gpt-4o-2024-08-06", provider: "openai")?.price)
        #expect(close(try #require(gpt4o.cacheReadPerToken), 1.25 / 1_000_000))
        #expect(gpt4o.cacheWritePerToken == nil, "OpenAI bills no cache write")
        #expect(table.price(of: "gpt-4")?.price.cacheReadPerToken == nil)
        for entry in PriceMap.bundled.entries.values where ["openai", "anthropic"].contains(entry.provider) {
            let price = entry.price
            if let read = price.cacheReadPerToken { #expect(read <= price.inputPerToken, "\(entry.key): a cache read is no dearer than input") }
            // Anthropic bills a cache write above input (LiteLLM lists an OpenAI fine-tune's "cache creation" below it).
            if let write = price.cacheWritePerToken, entry.provider == "anthropic" {
                #expect(write > price.inputPerToken, "\(entry.key): a cache write costs more than input")
            }
        }

        let bundled = try deployment(#"{"model": "anthropic/claude-sonnet-4-5"}"#)
        #expect(bundled.pricing == .bundled)
        let usage = Usage(anthropic: ["input_tokens": 100, "cache_read_input_tokens": 800, "cache_creation_input_tokens": 200, "output_tokens": 300])
        let byHand: Double = (100 * 3 + 800 * 0.3 + 200 * 3.75 + 300 * 15) / 1_000_000
        #expect(close(bundled.cost(of: usage), byHand))
    }

    @Test func aDeploymentsOwnInputPriceIsNotMixedWithTheTablesCachePrices() throws {
        // Its own input price and no cache price: cache tokens cost its input price, not the list's cache price.
        let own = try deployment(#"{"model": "anthropic/claude-sonnet-4-5", "input_cost_per_token": 0.000001}"#)
        #expect(own.cacheReadCostPerToken == nil)
        #expect(own.cacheWriteCostPerToken == nil)
        #expect(close(own.outputCostPerToken, 15 / 1_000_000), "the unset output price still comes from the table")
        // Its own cache price alone keeps the table's input price.
        let read = try deployment(#"{"model": "openai/gpt-4o"}"#, info: #"{"cache_read_input_token_cost": 0.0000001}"#)
        #expect(read.pricing == .configured)
        #expect(close(read.inputCostPerToken, 2.5 / 1_000_000))
        #expect(read.cacheReadCostPerToken == 0.0000001)
    }

    @Test func theConfigFilesTableCarriesCacheAndReasoningPrices() throws {
        let table = try PriceTable(
            parsing: try JSONParser.parse(
                #"""
                {"my-reasoner": {"input_cost_per_token": 0.000002, "output_cost_per_token": 0.000008,
                  "cache_read_input_token_cost": 0.0000005, "cache_creation_input_token_cost": 0.0000025,
                  "output_cost_per_reasoning_token": 0.00001}}
                """#), path: "model_prices")
        let parsed = try deployment(#"{"model": "openai/my-reasoner"}"#, prices: table)
        #expect(parsed.pricing == .configFile)
        #expect(parsed.cacheReadCostPerToken == 0.0000005)
        #expect(parsed.cacheWriteCostPerToken == 0.0000025)
        #expect(parsed.reasoningCostPerToken == 0.00001)
        let usage = Usage(promptTokens: 10, completionTokens: 10, cachedReadTokens: 4, cacheWriteTokens: 2, reasoningTokens: 6)
        #expect(close(parsed.cost(of: usage), 4 * 0.000002 + 4 * 0.0000005 + 2 * 0.0000025 + 4 * 0.000008 + 6 * 0.00001))
    }

    @Test(arguments: ["cache_read_input_token_cost", "cache_creation_input_token_cost", "output_cost_per_reasoning_token"])
    func anOutOfRangePriceStopsStartupNamingTheKey(key: String) throws {
        for bad in ["-0.000001", "1e400", "\"inf\"", "1001", "\"cheap\""] {
            for (params, info, field) in [
                (#"{"model": "openai/x", "\#(key)": \#(bad)}"#, "{}", "litellm_params.\(key)"),
                (#"{"model": "openai/x"}"#, #"{"\#(key)": \#(bad)}"#, "model_info.\(key)"),
            ] {
                do {
                    _ = try deployment(params, info: info)
                    Issue.record("\(field) = \(bad) was accepted")
                } catch let error as ConfigError {
                    #expect(error.message.contains("test.\(field)"), "\(error)")
                }
            }
            do {
                _ = try PriceTable(parsing: try JSONParser.parse(#"{"m": {"\#(key)": \#(bad)}}"#), path: "model_prices")
                Issue.record("model_prices.m.\(key) = \(bad) was accepted")
            } catch let error as ConfigError {
                #expect(error.message.contains("model_prices.m.\(key)"), "\(error)")
            }
        }
    }

    @Test func theWorstCaseCountsTheDearestInputPrice() throws {
        let body: JSON = ["messages": [["role": "user", "content": .string(String(repeating: "word ", count: 400))]], "max_tokens": 100]
        let ceiling = CostCeiling(body: body, operation: .chatCompletions)
        let bundled = try deployment(#"{"model": "anthropic/claude-sonnet-4-5"}"#)
        // A cache write (1.25 × input) is the dearest way an input token can be billed; a cache read never is.
        let expected = (Double(ceiling.inputTokens) * 3.75 + 100 * 15) / 1_000_000
        #expect(close(ceiling.cost(on: bundled, outputLimit: nil), expected))
        let openAI = try deployment(#"{"model": "openai/gpt-4o"}"#)
        #expect(close(ceiling.cost(on: openAI, outputLimit: nil), (Double(ceiling.inputTokens) * 2.5 + 100 * 10) / 1_000_000))
        let reasoner = try deployment(
            #"{"model": "openai/x", "input_cost_per_token": 1, "output_cost_per_token": 2, "output_cost_per_reasoning_token": 3}"#)
        #expect(close(ceiling.cost(on: reasoner, outputLimit: nil), Double(ceiling.inputTokens) * 1 + 100 * 3))
    }
}
