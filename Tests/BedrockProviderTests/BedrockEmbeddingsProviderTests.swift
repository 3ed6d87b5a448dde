import BedrockProvider
import GatewayCore
import Synchronization
import Testing

/// The `bedrock/` provider's embeddings over real HTTP against ``BedrockStandIn``, which checks each call's SigV4
/// signature and body: a Titan list as one call per input, bounded and in order; Cohere with its `input_type`.
struct BedrockEmbeddingsProviderTests {
    static let titanV2 = BedrockEmbeddingsTests.titanV2

    static func call(_ deployment: Deployment, _ body: JSON) -> UpstreamCall {
        UpstreamCall(operation: .embeddings, deployment: deployment, body: body, requestID: "req-1")
    }

    @Test func titanListIsOneSignedCallPerInputBoundedAndInOrder() async throws {
        let standIn = BedrockStandIn()
        try await standIn.withRunning { base in
            let inputs = (1...20).map { "input number \(String(repeating: "x", count: $0))" }
            let deployment = BedrockProviderTests.deployment(base: base, model: Self.titanV2)
            let answer = try await BedrockProviderTests.provider().send(
                Self.call(deployment, ["model": .string(Self.titanV2), "input": .array(inputs.map { .string($0) }), "dimensions": 256]))
            let json = try #require(answer.completeView)
            let data = try #require(json["data"]?.arrayValue)
            #expect(data.count == 20)
            for (index, item) in data.enumerated() {
                #expect(item["index"]?.intValue == index)
                #expect(item["embedding"]?[0]?.doubleValue == Double(inputs[index].count), "vector \(index) is its own input's")
                #expect(item["embedding"]?.arrayValue?.count == 256)
            }
            #expect(json["usage"]?["prompt_tokens"]?.intValue == inputs.reduce(0) { $0 + BedrockStandIn.tokens($1) })
            let received = standIn.received.withLock { $0 }
            #expect(received.count == 20)
            #expect(received.allSatisfy { $0.path == "/model/amazon.titan-embed-text-v2%3A0/invoke" })
            #expect(Set(received.compactMap { $0.body["inputText"]?.stringValue }) == Set(inputs))
            #expect(received.allSatisfy { $0.body["dimensions"] == 256 })
            let most = standIn.inFlight.withLock { $0.most }
            #expect(most <= 8, "at most 8 calls in flight, saw \(most)")
            #expect(most > 1, "calls overlap")
        }
    }

    @Test func cohereGetsItsInputTypeAndCountsTokensFromTheHeader() async throws {
        let standIn = BedrockStandIn()
        try await standIn.withRunning { base in
            let deployment = BedrockProviderTests.deployment(base: base, model: "cohere.embed-multilingual-v3")
            let answer = try await BedrockProviderTests.provider().send(
                Self.call(deployment, ["input": ["Hello world", "Bonjour"], "input_type": "classification", "encoding_format": "base64"]))
            let json = try #require(answer.completeView)
            #expect(json["usage"]?["prompt_tokens"]?.intValue == BedrockStandIn.tokens("Hello world") + BedrockStandIn.tokens("Bonjour"))
            let first = BedrockEmbeddingsTests.floats(base64: try #require(json["data"]?[0]?["embedding"]?.stringValue))
            #expect(first.count == 1024)
            #expect(first.first == Float("Hello world".count))
            #expect(first[1] == Float(1) / 1024)
            let received = try #require(standIn.received.withLock { $0.first })
            #expect(received.body == ["texts": ["Hello world", "Bonjour"], "input_type": "classification"])
        }
    }
}
