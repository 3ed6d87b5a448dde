import BedrockProvider
import Foundation
import GatewayCore
import Testing

/// ``BedrockEmbeddings``: OpenAI embeddings requests as Titan and Cohere InvokeModel bodies, the answers as OpenAI's,
/// and the fields refused. Over HTTP: `BedrockEmbeddingsProviderTests`.
struct BedrockEmbeddingsTests {
    static let titanV2 = "amazon.titan-embed-text-v2:0"
    static let cohere = "cohere.embed-english-v3"

    static func request(_ body: JSON, model: String = titanV2, drop: Bool = false) throws -> BedrockEmbeddings {
        try BedrockEmbeddings(openAI: body, modelID: model, deploymentName: "embed", dropUnsupported: drop)
    }

    /// The error `body` is refused with for `model`.
    static func refusal(_ body: JSON, model: String = titanV2) throws -> GatewayError {
        try #require(throws: GatewayError.self) { try request(body, model: model) }
    }

    @Test func familiesComeFromTheModelIDWithOrWithoutAnInferenceProfile() {
        #expect(BedrockEmbeddings.family(of: "amazon.titan-embed-text-v1") == .titanV1)
        #expect(BedrockEmbeddings.family(of: "amazon.titan-embed-text-v2:0") == .titanV2)
        #expect(BedrockEmbeddings.family(of: "us.amazon.titan-embed-text-v2:0") == .titanV2)
        #expect(BedrockEmbeddings.family(of: "cohere.embed-multilingual-v3") == .cohereV3)
        #expect(BedrockEmbeddings.family(of: "eu.cohere.embed-english-v3") == .cohereV3)
        #expect(BedrockEmbeddings.family(of: "amazon.titan-embed-image-v1") == nil)
        #expect(BedrockEmbeddings.family(of: "anthropic.claude-3-5-sonnet-20240620-v1:0") == nil)
    }

    @Test func titanSendsOneBodyPerInputWithDimensionsAndNormalize() throws {
        let request = try Self.request(["model": "embed", "input": ["one", "two words"], "dimensions": 512, "normalize": false, "user": "u-1"])
        #expect(
            request.bodies == [
                ["inputText": "one", "dimensions": 512, "normalize": false], ["inputText": "two words", "dimensions": 512, "normalize": false],
            ])
        #expect(request.encoding == .float)
        let single = try Self.request(["input": "hello", "encoding_format": "float"], model: "amazon.titan-embed-text-v1")
        #expect(single.bodies == [["inputText": "hello"]])
    }

    @Test func cohereSendsBatchesOf96WithAnInputType() throws {
        let texts = (0..<100).map { JSON.string("text \($0)") }
        let request = try Self.request(["input": .array(texts)], model: Self.cohere)
        #expect(request.bodies.count == 2)
        #expect(request.bodies[0]["texts"]?.arrayValue?.count == 96)
        #expect(request.bodies[1]["texts"] == .array(Array(texts[96...])))
        #expect(request.bodies[0]["input_type"] == "search_document", "LiteLLM's default")
        let typed = try Self.request(["input": "q", "input_type": "search_query", "truncate": "end"], model: Self.cohere)
        #expect(typed.bodies == [["texts": ["q"], "input_type": "search_query", "truncate": "END"]])
    }

    @Test func inputsAndFieldsBedrockCannotTakeAreRefusedNamingThem() throws {
        #expect(try Self.refusal(["input": [1, 2, 3]]).param == "input", "token ids")
        #expect(try Self.refusal(["input": [[1, 2], [3]]], model: Self.cohere).param == "input", "lists of token ids")
        #expect(try Self.refusal(["input": []]).param == "input")
        #expect(try Self.refusal(["input": .array(Array(repeating: "x", count: 2049))]).param == "input")
        #expect(try Self.refusal(["input": 7]).param == "input")
        #expect(try Self.refusal(["input": "x", "encoding_format": "int8"]).param == "encoding_format")
        #expect(try Self.refusal(["input": "x", "dimensions": 300]).param == "dimensions")
        #expect(try Self.refusal(["input": "x", "dimensions": 1e300]).param == "dimensions", "out of any range")
        #expect(try Self.refusal(["input": "x", "normalize": "yes"]).param == "normalize")
        #expect(try Self.refusal(["input": "x", "input_type": "image"], model: Self.cohere).param == "input_type")
        #expect(try Self.refusal(["input": "x", "truncate": "MIDDLE"], model: Self.cohere).param == "truncate")
        let model = try Self.refusal(["input": "x"], model: "amazon.titan-embed-image-v1")
        #expect(model.param == "model")
        #expect(model.message.contains("amazon.titan-embed-image-v1"))
        for (field, model) in [
            ("dimensions", "amazon.titan-embed-text-v1"), ("dimensions", Self.cohere), ("input_type", Self.titanV2), ("seed", Self.titanV2),
        ] {
            var body: JSON = ["input": "x"]
            body[field] = 512
            let error = try Self.refusal(body, model: model)
            #expect(error.param == field)
            #expect(error.code == "unsupported_params")
        }
        // drop_params drops what the model has no field for; gateway fields are never sent.
        let dropped = try Self.request(["input": "x", "dimensions": 512, "metadata": ["tag": "a"]], model: "amazon.titan-embed-text-v1", drop: true)
        #expect(dropped.bodies == [["inputText": "x"]])
    }

    @Test func answersBecomeOpenAIsShapeInInputOrderWithUsageSummed() throws {
        let request = try Self.request(["input": ["a", "b"]])
        let answers = [
            BedrockEmbeddings.Answer(json: ["embedding": [0.5, -1], "inputTextTokenCount": 3]),
            BedrockEmbeddings.Answer(json: ["embedding": [0.25, 2], "inputTextTokenCount": 4]),
        ]
        let json = try request.openAIResponse(answers, model: Self.titanV2)
        #expect(json["object"] == "list")
        #expect(json["model"] == .string(Self.titanV2))
        #expect(
            json["data"] == [
                ["object": "embedding", "index": 0, "embedding": [0.5, -1.0]], ["object": "embedding", "index": 1, "embedding": [0.25, 2.0]],
            ])
        #expect(json["usage"] == ["prompt_tokens": 7, "total_tokens": 7])

        // Out-of-range counts are clamped, not summed past InputRange.maxTokens or below 0.
        let huge = try request.openAIResponse(
            [
                .init(json: ["embedding": [1], "inputTextTokenCount": .int(.max)]),
                .init(json: ["embedding": [1], "inputTextTokenCount": .int(.max)]),
            ],
            model: "m")
        #expect(huge["usage"]?["prompt_tokens"]?.intValue == InputRange.maxTokens)
        let negative = try request.openAIResponse(
            [.init(json: ["embedding": [1], "inputTextTokenCount": -5]), .init(json: ["embedding": [1], "inputTextTokenCount": 2])], model: "m")
        #expect(negative["usage"]?["prompt_tokens"] == 2)

        let cohere = try Self.request(["input": ["x", "yy"]], model: Self.cohere)
        let batch = BedrockEmbeddings.Answer(
            json: ["embeddings": [[1], [2]], "id": "e-1", "response_type": "embeddings_floats"], headerInputTokens: 9)
        #expect(try cohere.openAIResponse([batch], model: "m")["usage"]?["prompt_tokens"] == 9)
        let unreported = try cohere.openAIResponse([.init(json: ["embeddings": [[1], [2]]])], model: "m")
        #expect(unreported["usage"]?["prompt_tokens"] == 2, "estimated from the text when Bedrock reports no count")
        let short = try #require(throws: GatewayError.self) { try cohere.openAIResponse([.init(json: ["embeddings": [[1]]])], model: "m") }
        #expect(short.code == "upstream_invalid_response")
    }

    @Test func base64IsLittleEndianFloat32AsOpenAIEncodesIt() throws {
        let request = try Self.request(["input": "a", "encoding_format": "base64"])
        let json = try request.openAIResponse([.init(json: ["embedding": [1.0, -2.5, 0.125], "inputTextTokenCount": 1])], model: "m")
        let text = try #require(json["data"]?[0]?["embedding"]?.stringValue)
        #expect(text == "AACAPwAAIMAAAAA+")
        #expect(Self.floats(base64: text) == [1.0, -2.5, 0.125])
    }

    /// The float32 values of an OpenAI base64 embedding.
    static func floats(base64 text: String) -> [Float] {
        let bytes = Array(Data(base64Encoded: text) ?? Data())
        return stride(from: 0, to: bytes.count - 3, by: 4).map { offset in
            Float(bitPattern: bytes[offset..<offset + 4].reversed().reduce(0) { $0 << 8 | UInt32($1) })
        }
    }
}
