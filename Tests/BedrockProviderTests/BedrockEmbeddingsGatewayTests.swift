import GatewayCore
import GatewayTesting
import Testing

/// `/v1/embeddings` to `bedrock/` Titan and Cohere deployments through the whole gateway, against ``BedrockStandIn``:
/// the answer in OpenAI's shape, the cost from the bundled Bedrock prices in `x-litellm-response-cost`, and refused
/// inputs as 400s naming the field.
struct BedrockEmbeddingsGatewayTests {
    static func config(base: String) -> String {
        func entry(_ name: String, _ model: String) -> String { BedrockGatewayTests.entry(name, model, base: base) }
        return """
            model_list:
            \(entry("titan", "amazon.titan-embed-text-v2:0"))
            \(entry("titan-profile", "us.amazon.titan-embed-text-v2:0"))
            \(entry("cohere", "cohere.embed-english-v3"))
            \(entry("claude-bedrock", BedrockProviderTests.modelID))
            general_settings:
              master_key: \(BedrockGatewayTests.masterKey)
            """
    }

    static func withGateway(_ body: @Sendable (TestEndpoint) async throws -> Void) async throws {
        try await BedrockStandIn().withRunning { base in
            try await TestGateway.withRunning(
                config: Self.config(base: base), plugins: #"{"plugins": [{"name": "master-key-auth"}]}"#,
                environment: BedrockGatewayTests.environment,
                body)
        }
    }

    static func embed(_ gateway: TestEndpoint, _ body: JSON) async throws -> TestEndpoint.Reply {
        try await gateway.post("/v1/embeddings", json: body, key: BedrockGatewayTests.masterKey)
    }

    @Test func titanAndCohereAnswerInOpenAIsShapeAndArePriced() async throws {
        try await Self.withGateway { gateway in
            let inputs = ["alpha beta", "gamma", "a much longer third input"]
            for model in ["titan", "titan-profile"] {
                let reply = try await Self.embed(gateway, ["model": .string(model), "input": .array(inputs.map { .string($0) }), "dimensions": 512])
                #expect(reply.status == 200, "\(model): \(reply.body)")
                let json = try #require(reply.json)
                #expect(json["object"] == "list")
                #expect(json["data"]?.arrayValue?.map { $0["index"]?.intValue } == [0, 1, 2])
                #expect(json["data"]?.arrayValue?.map { $0["embedding"]?[0]?.doubleValue } == inputs.map { Double($0.count) })
                #expect(json["data"]?[0]?["embedding"]?.arrayValue?.count == 512)
                let tokens = inputs.reduce(0) { $0 + BedrockStandIn.tokens($1) }
                #expect(json["usage"] == ["prompt_tokens": .int(tokens), "total_tokens": .int(tokens)])
                // Titan Text Embeddings v2 lists at $0.02 per million input tokens.
                let cost = try #require(reply.header("x-litellm-response-cost").flatMap(Double.init), "\(model)")
                #expect(abs(cost - Double(tokens) * 0.02 / 1_000_000) < 1e-15, "\(model): \(cost)")
            }

            let cohere = try await Self.embed(
                gateway, ["model": "cohere", "input": "Hello there", "input_type": "search_query", "encoding_format": "base64"])
            #expect(cohere.status == 200, "\(cohere.body)")
            let vector = BedrockEmbeddingsTests.floats(base64: try #require(cohere.json?["data"]?[0]?["embedding"]?.stringValue))
            #expect(vector.count == 1024)
            #expect(vector.first == Float("Hello there".count))
            #expect(cohere.json?["usage"]?["prompt_tokens"]?.intValue == BedrockStandIn.tokens("Hello there"))
            let cohereCost = try #require(cohere.header("x-litellm-response-cost").flatMap(Double.init))
            #expect(abs(cohereCost - Double(BedrockStandIn.tokens("Hello there")) * 0.1 / 1_000_000) < 1e-15, "\(cohereCost)")
        }
    }

    @Test func inputsBedrockCannotTakeAre400sNamingTheField() async throws {
        try await Self.withGateway { gateway in
            let cases: [(JSON, String)] = [
                (["model": "titan", "input": [[1, 2, 3]]], "input"),
                (["model": "titan", "input": "x", "encoding_format": "int8"], "encoding_format"),
                (["model": "titan", "input": "x", "dimensions": 100], "dimensions"),
                (["model": "cohere", "input": "x", "dimensions": 512], "dimensions"),
                (["model": "cohere", "input": "x", "input_type": "image"], "input_type"),
                (["model": "claude-bedrock", "input": "x"], "model"),
            ]
            for (body, param) in cases {
                let reply = try await Self.embed(gateway, body)
                #expect(reply.status == 400, "\(body): \(reply.body)")
                #expect(reply.json?["error"]?["param"] == .string(param), "\(body): \(reply.body)")
            }
            #expect(try await Self.embed(gateway, ["model": "titan", "input": "still serving"]).status == 200)
        }
    }
}
