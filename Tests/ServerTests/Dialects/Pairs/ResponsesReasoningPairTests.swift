import GatewayCore
import GatewayTesting
import Testing

/// `/v1/responses` with `reasoning` to an Anthropic deployment with extended thinking (``ThinkingUpstream``, as strict
/// as Anthropic): the effort becomes a thinking budget, Claude's thinking comes back as a reasoning item with a summary,
/// plain and streamed.
struct ResponsesReasoningPairTests {
    static let key = GatewayFixture.masterKey

    static func withGateway(_ body: (TestEndpoint, ThinkingUpstream) async throws -> Void) async throws {
        try await ThinkingUpstream.withRunning { upstream, thinking in
            let config = """
                model_list:
                  - model_name: claude-thinking
                    litellm_params:
                      model: anthropic/claude-thinking
                      api_base: \(upstream.baseURL)
                      api_key: sk-upstream
                general_settings:
                  master_key: \(key)
                """
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in try await body(gateway, thinking) }
        }
    }

    static let request: JSON = [
        "model": "claude-thinking", "input": "weather in Paris?", "reasoning": ["effort": "medium", "summary": "auto"],
        "tools": [["type": "function", "name": "get_weather", "parameters": ["type": "object", "properties": ["city": ["type": "string"]]]]],
    ]

    @Test("Responses → Anthropic: reasoning.effort is a thinking budget and the thinking is a reasoning summary, plain and streamed")
    func reasoningSummaryFromThinking() async throws {
        try await Self.withGateway { gateway, upstream in
            for stream in [false, true] {
                var body = Self.request
                body["stream"] = .bool(stream)
                let reply = try await gateway.post("/v1/responses", json: body, key: Self.key)
                #expect(reply.status == 200, "\(reply.body)")
                #expect(upstream.calls.last?.body["thinking"] == ["type": "enabled", "budget_tokens": 2048])
                let events = TranslationPairFixture.events(reply)
                let response = try #require(stream ? events.last?.data["response"] : reply.json, "\(reply.body)")
                let output = try #require(response["output"]?.arrayValue)
                #expect(output.map { $0["type"]?.stringValue ?? "" } == ["reasoning", "function_call"], "\(output)")
                #expect(output[0]["summary"]?[0]?["text"] == "The user wants the weather in Paris; call get_weather.", "\(output[0])")
                if stream {
                    let summary = events.filter { $0.name == "response.reasoning_summary_text.delta" }.compactMap { $0.data["delta"]?.stringValue }
                    #expect(summary.joined() == "The user wants the weather in Paris; call get_weather.", "\(events.map(\.name))")
                }
            }
        }
    }

    /// Anthropic requires the signed thinking of a tool-use turn back in the next one: the reasoning item carries it in
    /// `encrypted_content`, and the client's reasoning item, sent back with the turn, gives it back to Anthropic intact
    /// (the stand-in refuses a turn without it, or with a changed signature). Plain and streamed first turns.
    @Test("Responses → Anthropic: a tool conversation with reasoning continues at its second turn with the signed thinking")
    func secondTurnWithThinking() async throws {
        try await Self.withGateway { gateway, upstream in
            for stream in [false, true] {
                var first = Self.request
                first["stream"] = .bool(stream)
                let reply = try await gateway.post("/v1/responses", json: first, key: Self.key)
                let response = try #require(stream ? TranslationPairFixture.events(reply).last?.data["response"] : reply.json, "\(reply.body)")
                let output = try #require(response["output"]?.arrayValue, "\(reply.body)")
                #expect(output[0]["encrypted_content"]?.stringValue?.hasPrefix("tollgate.thinking.v1:") == true, "\(output[0])")
                let call = try #require(output.first { $0["type"] == "function_call" })
                var next = Self.request
                next["input"] = .array(
                    [["role": "user", "content": "weather in Paris?"]] + output
                        + [["type": "function_call_output", "call_id": call["call_id"] ?? "", "output": "21 degrees"]])
                let second = try await gateway.post("/v1/responses", json: next, key: Self.key)
                #expect(second.status == 200, "\(second.body)")
                let assistant = try #require(upstream.calls.last?.body["messages"]?[1], "\(String(describing: upstream.calls.last?.body))")
                let thinking = try #require(assistant["content"]?[0])
                #expect(thinking["type"] == "thinking")
                #expect(upstream.verifies(thinking["thinking"]?.stringValue ?? "", thinking["signature"]?.stringValue))
            }
        }
    }

    @Test("Responses → Anthropic: a reasoning item whose encrypted content is not the gateway's gives no thinking block")
    func foreignEncryptedReasoningIsNotSent() async throws {
        try await Self.withGateway { gateway, upstream in
            var next = Self.request
            next["input"] = [
                ["role": "user", "content": "hello"],
                ["type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": "gAAAAB-openai-opaque"],
                ["role": "assistant", "content": [["type": "output_text", "text": "hi"]]],
                ["role": "user", "content": "weather in Paris?"],
            ]
            _ = try await gateway.post("/v1/responses", json: next, key: Self.key)
            let assistant = try #require(upstream.calls.last?.body["messages"]?[1])
            #expect(assistant["role"] == "assistant")
            // One text, which Anthropic takes as a string: no block, so no thinking block either.
            #expect(assistant["content"] == "hi", "\(assistant)")
        }
    }
}
