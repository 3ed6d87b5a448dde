import GatewayCore
import GatewayTesting
import Hummingbird
import NIOCore
import Testing

/// `/v1/responses` passed through to an `openai/` deployment whose Responses API reports cached input and reasoning
/// output: the usage reaches the client as the upstream wrote it, and the cost prices each kind of token at its own
/// price, read from the native answer.
struct ResponsesNativeUsagePairTests {
    typealias Price = TranslationPairFixture.Price

    /// OpenAI's Responses usage: 1000 input tokens of which 800 cached, 300 output tokens of which 200 reasoning.
    static let usage: JSON = [
        "input_tokens": 1000, "input_tokens_details": ["cached_tokens": 800], "output_tokens": 300,
        "output_tokens_details": ["reasoning_tokens": 200], "total_tokens": 1300,
    ]

    static let answer: JSON = [
        "id": "resp_upstream_1", "object": "response", "created_at": 1_700_000_000, "status": "completed", "model": "gpt-x",
        "output": [
            [
                "type": "message", "id": "msg_1", "role": "assistant", "status": "completed",
                "content": [["type": "output_text", "text": "cached answer", "annotations": []]],
            ]
        ],
        "usage": usage,
    ]

    /// An upstream speaking only the Responses API, with this usage.
    static func withUpstream(_ body: (TestEndpoint) async throws -> Void) async throws {
        let router = Router()
        router.post("/v1/responses") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: answer.serializedString())))
        }
        try await RunningServer.serve(router, label: "responses-usage-upstream") { port in try await body(TestEndpoint(port: port)) }
    }

    @Test("Responses → OpenAI (native): cached input and reasoning output reach the client as sent and are priced apart")
    func nativeUsageIsPriced() async throws {
        try await Self.withUpstream { upstream in
            let config = """
                model_list:
                  - model_name: gpt-native
                    litellm_params:
                      model: openai/gpt-x
                      api_base: \(upstream.baseURL)/v1
                      api_key: sk-upstream
                    model_info:
                      input_cost_per_token: \(Price.input)
                      output_cost_per_token: \(Price.output)
                      cache_read_input_token_cost: \(Price.cacheRead)
                general_settings:
                  master_key: \(GatewayFixture.masterKey)
                """
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/responses", json: ["model": "gpt-native", "input": "hi"], key: GatewayFixture.masterKey)
                #expect(reply.status == 200, "\(reply.body)")
                #expect(reply.json?["usage"] == Self.usage, "the upstream's usage as it came")
                let cost = try #require(reply.header("x-litellm-response-cost").flatMap(Double.init))
                let expected = 200 * Price.input + 800 * Price.cacheRead + 300 * Price.output
                #expect(TranslationPairFixture.close(cost, expected), "cost \(cost), by hand \(expected)")
            }
        }
    }
}
