import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// `tollgate prices`: how a model resolves, through the built binary.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct PricesCommandTests {
    static func prices(_ arguments: [String], environment: [String: String] = [:]) async throws -> (status: Int32, output: String) {
        try await ChildProcess.run(try CLITests.binary(), ["prices"] + arguments, environment: environment, timeout: .seconds(30))
    }

    @Test func aModelShowsTheKeyThatMatchedAndEveryPrice() async throws {
        let gpt = try await Self.prices(["gpt-4o"])
        #expect(gpt.status == 0, "\(gpt.output)")
        let listed = try #require(PriceMap.bundled.entry(named: "gpt-4o"))
        #expect(gpt.output.contains("price map: \(PriceMap.bundled.count) models"), "\(gpt.output)")
        #expect(gpt.output.contains("source: the price map, key 'gpt-4o' (exact; provider openai; mode chat)"), "\(gpt.output)")
        #expect(gpt.output.contains("input_cost_per_token: \(listed.price.inputPerToken) (2.5 per million)"), "\(gpt.output)")
        #expect(gpt.output.contains("cache_read_input_token_cost: \(try #require(listed.price.cacheReadPerToken))"), "\(gpt.output)")
        #expect(gpt.output.contains("context window: 128000") && gpt.output.contains("max output tokens: 16384"), "\(gpt.output)")

        let vertex = try await Self.prices(["vertex_ai/claude-sonnet-4-5"])
        #expect(vertex.output.contains("looked up as: vertex_ai/claude-sonnet-4-5, claude-sonnet-4-5"), "\(vertex.output)")
        #expect(vertex.output.contains("key 'vertex_ai/claude-sonnet-4-5' (exact; provider vertex_ai-anthropic_models"), "\(vertex.output)")

        let snapshot = try await Self.prices(["anthropic/claude-sonnet-4-5-20991231"])
        #expect(snapshot.output.contains("key 'claude-sonnet-4-5' (family of 'claude-sonnet-4-5-20991231'"), "\(snapshot.output)")

        let unknown = try await Self.prices(["hosted_vllm/my-finetune"])
        #expect(unknown.status == 1, "\(unknown.output)")
        #expect(unknown.output.contains(PriceSource.unknownPriceWarning), "\(unknown.output)")
    }

    /// A secret the file names but the environment lacks does not stop the command (prices need none).
    @Test func aModelListNameShowsEachDeploymentsResolution() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try directory.write(
            "config.yaml",
            """
            model_prices:
              gpt-4o: {input_cost_per_token: 0.000003, output_cost_per_token: 0.000009}
            model_list:
              - model_name: gpt
                litellm_params: {model: azure/gpt4o-prod, api_base: "https://r.openai.azure.com", api_key: k}
                model_info: {id: azure-one, base_model: azure/gpt-4o-mini}
              - model_name: gpt
                litellm_params: {model: openai/gpt-4o, api_key: k}
                model_info: {id: file-priced}
              - model_name: gpt
                litellm_params: {model: openai/gpt-4o-mini, api_key: os.environ/TOLLGATE_TEST_KEY_NOT_SET, output_cost_per_token: 0.5}
                model_info: {id: own-priced}
            """)
        let result = try await Self.prices(["gpt", "--config", config])
        #expect(result.status == 0, "\(result.output)")
        let output = result.output
        #expect(output.contains("model_list 'gpt': 3 deployments"), "\(output)")
        #expect(output.contains("deployment azure-one: azure/gpt4o-prod\n  base_model: azure/gpt-4o-mini"), "\(output)")
        #expect(output.contains("source: the price map, key 'azure/gpt-4o-mini' (exact; provider azure; mode chat)"), "\(output)")
        #expect(output.contains("deployment file-priced: openai/gpt-4o"), "\(output)")
        #expect(output.contains("source: config.yaml model_prices, key 'gpt-4o' (exact)"), "\(output)")
        #expect(output.contains("input_cost_per_token: 3e-06"), "\(output)")
        #expect(
            output.contains(
                "input_cost_per_token: 3e-06 (3.0 per million)\n  output_cost_per_token: 9e-06 (9.0 per million)\n  context window: 128000"),
            "\(output)")
        #expect(
            output.contains("source: the deployment's own prices (litellm_params / model_info); unset ones from the price map, key 'gpt-4o-mini'"),
            "\(output)")
        #expect(output.contains("output_cost_per_token: 0.5"), "\(output)")
    }

    @Test func theRefreshedMapIsTheOneShown() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("prices.tsv", PriceMapRefreshTests.rows)
        let result = try await Self.prices(["openai/echo"], environment: ["LITELLM_MODEL_COST_MAP_URL": path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("price map: 2 models"), "\(result.output)")
        #expect(result.output.contains("input_cost_per_token: 0.001"), "\(result.output)")
        let failed = try await Self.prices(["gpt-4o"], environment: ["LITELLM_MODEL_COST_MAP_URL": directory.path + "/missing.tsv"])
        #expect(failed.status == 0, "\(failed.output)")
        #expect(failed.output.contains("price map not loaded: keeping the bundled one"), "\(failed.output)")
        #expect(failed.output.contains("price map: \(PriceMap.bundled.count) models"), "\(failed.output)")
    }
}
