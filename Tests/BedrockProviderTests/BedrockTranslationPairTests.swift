import GatewayCore
import GatewayTesting
import Synchronization
import Testing

/// Anthropic's `/v1/messages` and OpenAI chat to a Bedrock model that is not Claude (Converse), through the whole
/// gateway against ``BedrockStandIn``: each feature checked in what Bedrock received and in the answer, and each
/// refusal (docs/dialects.md, "What is tested").
struct BedrockTranslationPairTests {
    static let key = BedrockGatewayTests.masterKey
    static let pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    static let schema: JSON = ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]]
    /// Per-token prices of the deployment.
    static let input = 0.001, output = 0.002, cacheRead = 0.0001

    static func withGateway(_ body: (TestEndpoint, BedrockStandIn) async throws -> Void) async throws {
        let standIn = BedrockStandIn()
        try await standIn.withRunning { base in
            let config = """
                model_list:
                \(BedrockGatewayTests.entry("llama", "meta.llama3-1-70b-instruct-v1:0", base: base))
                    model_info:
                      input_cost_per_token: \(input)
                      output_cost_per_token: \(output)
                      cache_read_input_token_cost: \(cacheRead)
                general_settings:
                  master_key: \(key)
                """
            try await TestGateway.withRunning(
                config: config, plugins: #"{"plugins": [{"name": "master-key-auth"}]}"#, environment: BedrockGatewayTests.environment
            ) { gateway in try await body(gateway, standIn) }
        }
    }

    static func lastConverse(_ standIn: BedrockStandIn) -> BedrockStandIn.Received? { standIn.received.withLock { $0.last } }

    @Test(
        "Messages → Converse: system, images, tool_use and tool_result, tools, tool_choice and stop sequences reach Bedrock; tool_use and cache usage come back"
    )
    func messagesToConverse() async throws {
        try await Self.withGateway { gateway, standIn in
            let body: JSON = [
                "model": "llama", "max_tokens": 200, "temperature": 0.5, "stop_sequences": ["END"], "system": "be brief",
                "tools": [["name": "get_weather", "description": "Weather of a city", "input_schema": Self.schema]], "tool_choice": ["type": "any"],
                "messages": [
                    [
                        "role": "user",
                        "content": [
                            ["type": "text", "text": "weather?"],
                            ["type": "image", "source": ["type": "base64", "media_type": "image/png", "data": .string(Self.pixel)]],
                        ],
                    ],
                    ["role": "assistant", "content": [["type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": ["city": "Paris"]]]],
                    [
                        "role": "user",
                        "content": [
                            ["type": "tool_result", "tool_use_id": "toolu_1", "content": "21 degrees"], ["type": "text", "text": "and Rome?"],
                        ],
                    ],
                ],
            ]
            let reply = try await gateway.post("/v1/messages", json: body, key: Self.key)
            #expect(reply.status == 200, "\(reply.body)")
            let sent = try #require(Self.lastConverse(standIn))
            #expect(sent.path.hasSuffix("/converse"))
            #expect(sent.body["system"] == [["text": "be brief"]])
            let messages = try #require(sent.body["messages"]?.arrayValue)
            #expect(messages.map { $0["role"]?.stringValue ?? "" } == ["user", "assistant", "user"], "\(messages)")
            #expect(messages[0]["content"]?[1] == ["image": ["format": "png", "source": ["bytes": .string(Self.pixel)]]])
            #expect(messages[1]["content"]?[0] == ["toolUse": ["toolUseId": "toolu_1", "name": "get_weather", "input": ["city": "Paris"]]])
            #expect(messages[2]["content"]?[0] == ["toolResult": ["toolUseId": "toolu_1", "content": [["text": "21 degrees"]]]])
            #expect(messages[2]["content"]?[1] == ["text": "and Rome?"])
            #expect(sent.body["toolConfig"]?["tools"]?[0]?["toolSpec"]?["inputSchema"] == ["json": Self.schema])
            #expect(sent.body["toolConfig"]?["toolChoice"] == ["any": [:]])
            #expect(sent.body["inferenceConfig"] == ["maxTokens": 200, "temperature": 0.5, "stopSequences": ["END"]])

            let answer = try #require(reply.json)
            #expect(answer["type"] == "message" && answer["stop_reason"] == "tool_use", "\(answer)")
            #expect(answer["content"]?[0] == ["type": "tool_use", "id": "tooluse_1", "name": "get_weather", "input": ["city": "Paris"]])
            #expect(answer["usage"]?["input_tokens"] == 12 && answer["usage"]?["cache_read_input_tokens"] == 3, "\(answer)")
            #expect(answer["usage"]?["output_tokens"] == 5)
            let cost = try #require(reply.header("x-litellm-response-cost").flatMap(Double.init))
            let expected = 12 * Self.input + 3 * Self.cacheRead + 5 * Self.output
            #expect(abs(cost - expected) <= expected * 1e-9, "cost \(cost), by hand \(expected)")
        }
    }

    @Test("Messages → ConverseStream: text and tool_use stream as Anthropic events")
    func messagesStreamToConverse() async throws {
        try await Self.withGateway { gateway, standIn in
            var body: JSON = ["model": "llama", "max_tokens": 100, "stream": true, "messages": [["role": "user", "content": "hi"]]]
            let text = try await gateway.post("/v1/messages", json: body, key: Self.key)
            #expect(Self.lastConverse(standIn)?.path.hasSuffix("/converse-stream") == true)
            let textEvents = text.events.compactMap { event in (try? JSONParser.parse(event.data)).map { (event.event ?? "", $0) } }
            #expect(textEvents.first?.0 == "message_start" && textEvents.last?.0 == "message_stop", "\(text.body)")
            #expect(textEvents.compactMap { $0.1["delta"]?["text"]?.stringValue }.joined() == "Hello world")
            #expect(textEvents.contains { $0.0 == "message_delta" && $0.1["delta"]?["stop_reason"] == "end_turn" })

            body["tools"] = [["name": "get_weather", "input_schema": Self.schema]]
            let tool = try await gateway.post("/v1/messages", json: body, key: Self.key)
            let toolEvents = tool.events.compactMap { event in (try? JSONParser.parse(event.data)).map { (event.event ?? "", $0) } }
            #expect(toolEvents.contains { $0.0 == "content_block_start" && $0.1["content_block"]?["type"] == "tool_use" }, "\(tool.body)")
            let json = toolEvents.compactMap { $0.1["delta"]?["partial_json"]?.stringValue }.joined()
            #expect(try JSONParser.parse(json) == ["city": "Paris"])
            #expect(toolEvents.contains { $0.0 == "message_delta" && $0.1["delta"]?["stop_reason"] == "tool_use" })
        }
    }

    /// Posts `body` and checks the 400 names `param` with `code`, and nothing reached Bedrock.
    func expectRefusal(
        _ gateway: TestEndpoint, _ standIn: BedrockStandIn, _ path: String, _ body: JSON, param: String, code: String = "unsupported_params",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let before = standIn.received.withLock { $0.count }
        let reply = try await gateway.post(path, json: body, key: Self.key)
        #expect(reply.status == 400, "\(param): \(reply.body)", sourceLocation: sourceLocation)
        #expect(reply.json?["error"]?["param"] == .string(param), "\(param): \(reply.body)", sourceLocation: sourceLocation)
        #expect(reply.json?["error"]?["code"] == .string(code), "\(param): \(reply.body)", sourceLocation: sourceLocation)
        #expect(standIn.received.withLock { $0.count } == before, "\(param): nothing reached Bedrock", sourceLocation: sourceLocation)
    }

    @Test("Messages → Converse: thinking, a tool_choice of none and an image by URL are refused naming the Messages field")
    func messagesRefusals() async throws {
        try await Self.withGateway { gateway, standIn in
            let base: JSON = ["model": "llama", "max_tokens": 100, "system": "be brief", "messages": [["role": "user", "content": "hi"]]]
            var thinking = base
            thinking["thinking"] = ["type": "enabled", "budget_tokens": 1024]
            try await expectRefusal(gateway, standIn, "/v1/messages", thinking, param: "thinking")
            var none = base
            none["tools"] = [["name": "get_weather", "input_schema": Self.schema]]
            none["tool_choice"] = ["type": "none"]
            try await expectRefusal(gateway, standIn, "/v1/messages", none, param: "tool_choice")
            var url = base
            url["messages"] = [
                [
                    "role": "user",
                    "content": [
                        ["type": "text", "text": "what is it?"], ["type": "image", "source": ["type": "url", "url": "https://example.com/a.png"]],
                    ],
                ]
            ]
            try await expectRefusal(gateway, standIn, "/v1/messages", url, param: "messages[0].content[1]", code: "invalid_request")
        }
    }

    @Test("chat → Converse: reasoning_effort, response_format, seed, logprobs and n > 1 are refused naming them")
    func chatRefusals() async throws {
        try await Self.withGateway { gateway, standIn in
            let cases: [(String, JSON)] = [
                ("reasoning_effort", "low"), ("response_format", ["type": "json_object"]), ("seed", 7), ("logprobs", true), ("n", 2),
            ]
            for (param, value) in cases {
                var body: JSON = ["model": "llama", "messages": [["role": "user", "content": "hi"]]]
                body[param] = value
                try await expectRefusal(gateway, standIn, "/v1/chat/completions", body, param: param)
            }
        }
    }

    @Test("chat → Converse: an image and the cache counts come back in OpenAI's usage")
    func chatImageAndUsage() async throws {
        try await Self.withGateway { gateway, standIn in
            let body: JSON = [
                "model": "llama",
                "messages": [
                    [
                        "role": "user",
                        "content": [
                            ["type": "text", "text": "what?"],
                            ["type": "image_url", "image_url": ["url": .string("data:image/png;base64,\(Self.pixel)")]],
                        ],
                    ]
                ],
            ]
            let reply = try await gateway.post("/v1/chat/completions", json: body, key: Self.key)
            #expect(reply.status == 200, "\(reply.body)")
            #expect(Self.lastConverse(standIn)?.body["messages"]?[0]?["content"]?[1]?["image"]?["format"] == "png")
            let usage = try #require(reply.json?["usage"])
            #expect(usage["prompt_tokens"] == 15 && usage["prompt_tokens_details"]?["cached_tokens"] == 3, "\(usage)")
            #expect(usage["completion_tokens"] == 5)
        }
    }
}
