import GatewayCore
import GatewayTesting
import SQLiteStore
import Testing

/// Spend for `gemini/` calls over real HTTP, plain and streamed, in the spend log: GatewayTesting's `GeminiUpstream`
/// reports 11 prompt tokens of which 4 from cached content, 5 candidate tokens and 7 thought tokens; the row's
/// spend is that usage at the prices the price map gives `gemini/gemini-2.5-flash` (thoughts as reasoning output,
/// cached content at the cached-read price).
struct GeminiSpendTests {
    @Test func spendLogRowsPriceThoughtsAndCachedContentPlainAndStreamed() async throws {
        let entry: JSON = ["model_name": "gem", "litellm_params": ["model": "gemini/gemini-2.5-flash", "api_key": "k"]]
        let priced = try Deployment(parsing: entry, path: "model_list[0]")
        let cachedPrice = try #require(priced.cacheReadCostPerToken)
        let expected =
            7 * priced.inputCostPerToken + 4 * cachedPrice + 5 * priced.outputCostPerToken
            + 7 * (priced.reasoningCostPerToken ?? priced.outputCostPerToken)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.path + "/spend.db"
        try await GeminiUpstream.withRunning { upstream, _ in
            let config = """
                model_list:
                  - model_name: gem
                    litellm_params:
                      model: gemini/gemini-2.5-flash
                      api_base: \(upstream.baseURL)
                      api_key: \(GeminiUpstream.Settings().apiKey)
                general_settings:
                  master_key: \(GatewayFixture.masterKey)
                """
            try await TestGateway.withRunning(config: config, plugins: SpendLogEndToEndTests.plugins(database: database)) { gateway in
                let store = try SQLiteGatewayStore(path: database)
                let tests = CachedTokenCostTests()
                for stream in [false, true] {
                    let body: JSON = [
                        "model": "gem", "stream": .bool(stream), "reasoning_effort": "low", "cached_content": "cachedContents/c1",
                        "messages": [["role": "user", "content": "Hi"]],
                    ]
                    let reply = try await gateway.post("/v1/chat/completions", json: body, key: GatewayFixture.masterKey)
                    #expect(reply.status == 200, "\(reply.body)")
                    let row = try await tests.row(reply, in: store)
                    #expect(CachedTokenCostTests.close(row.spend, expected), "stream \(stream): row \(row.spend), expected \(expected)")
                    #expect(row.metadata["usage_estimated"] == false, "stream \(stream): Gemini's own counts")
                }
            }
        }
    }
}
