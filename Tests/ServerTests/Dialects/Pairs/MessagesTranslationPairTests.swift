import GatewayCore
import GatewayTesting
import Testing

/// Anthropic's `/v1/messages` translated over real HTTP to an OpenAI chat deployment, and OpenAI chat translated to
/// an Anthropic one: each feature checked where it lands (what the upstream received) and in the answer.
struct MessagesTranslationPairTests {
    typealias Fixture = TranslationPairFixture

    static let dataURL = "data:image/png;base64,\(Fixture.pixel)"
    static let imageURL = "https://example.com/a.png"

    /// A tool conversation in Anthropic's shape: system (cached), text and two images, a tool_use and its result.
    static func messagesRequest(model: String) -> JSON {
        var tool = Fixture.anthropicTool
        tool["cache_control"] = ["type": "ephemeral"]
        return [
            "model": .string(model), "max_tokens": 200, "temperature": 0.5, "stop_sequences": ["END"], "metadata": ["user_id": "u-1"],
            "system": [["type": "text", "text": "be brief", "cache_control": ["type": "ephemeral"]]],
            "tools": [tool], "tool_choice": ["type": "tool", "name": "get_weather", "disable_parallel_tool_use": true],
            "messages": [
                [
                    "role": "user",
                    "content": [
                        ["type": "text", "text": "weather?"],
                        ["type": "image", "source": ["type": "base64", "media_type": "image/png", "data": .string(Fixture.pixel)]],
                        ["type": "image", "source": ["type": "url", "url": .string(imageURL)]],
                    ],
                ],
                [
                    "role": "assistant",
                    "content": [
                        ["type": "text", "text": "checking"],
                        ["type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": ["city": "Paris"]],
                    ],
                ],
                [
                    "role": "user",
                    "content": [["type": "tool_result", "tool_use_id": "toolu_1", "content": "21 degrees"], ["type": "text", "text": "thanks"]],
                ],
            ],
        ]
    }

    @Test("Messages → chat: system, images, tool_use and tool_result, tools, tool_choice, stop sequences and the user reach chat")
    func messagesToChat() async throws {
        try await Fixture.withGateway { gateway, recorder in
            let reply = try await gateway.post("/v1/messages", json: Self.messagesRequest(model: "gpt"), key: Fixture.key)
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.json?["type"] == "message" && reply.json?["stop_reason"] == "end_turn", "\(reply.body)")
            #expect(reply.json?["content"]?[0] == ["type": "text", "text": "upstream says: thanks"])
            #expect(reply.json?["usage"]?["input_tokens"] == 11 && reply.json?["usage"]?["output_tokens"] == 7, "\(reply.body)")
            let call = try #require(await recorder.last)
            #expect(call.path == "/v1/chat/completions")
            let messages = try #require(call.body["messages"]?.arrayValue)
            #expect(messages.map { $0["role"]?.stringValue ?? "" } == ["system", "user", "assistant", "tool", "user"], "\(messages)")
            #expect(messages[0]["content"] == "be brief")
            #expect(messages[1]["content"]?[1]?["image_url"]?["url"] == .string(Self.dataURL))
            #expect(messages[1]["content"]?[2]?["image_url"]?["url"] == .string(Self.imageURL))
            #expect(messages[2]["content"] == "checking" && messages[2]["tool_calls"]?[0]?["id"] == "toolu_1")
            #expect(try JSONParser.parse(messages[2]["tool_calls"]?[0]?["function"]?["arguments"]?.stringValue ?? "") == ["city": "Paris"])
            #expect(messages[3]["tool_call_id"] == "toolu_1" && messages[3]["content"] == "21 degrees")
            #expect(messages[4]["content"] == "thanks")
            #expect(call.body["tools"]?[0]?["function"]?["parameters"] == Fixture.toolSchema)
            #expect(call.body["tool_choice"] == ["type": "function", "function": ["name": "get_weather"]])
            #expect(call.body["parallel_tool_calls"] == false)
            #expect(call.body["stop"] == ["END"] && call.body["user"] == "u-1" && call.body["max_tokens"] == 200 && call.body["temperature"] == 0.5)
            #expect(!call.body.serializedString().contains("cache_control"), "cache_control hints are not sent to chat (documented)")
        }
    }

    @Test("Messages → chat: a tool call answers tool_use blocks and stop_reason tool_use, plain and streamed")
    func toolUseFromChat() async throws {
        try await Fixture.withGateway { gateway, _ in
            var body: JSON = [
                "model": "gpt-tool", "max_tokens": 100, "tools": [Fixture.anthropicTool], "messages": [["role": "user", "content": "weather?"]],
            ]
            let plain = try await gateway.post("/v1/messages", json: body, key: Fixture.key)
            #expect(plain.json?["stop_reason"] == "tool_use", "\(plain.body)")
            let block = try #require(plain.json?["content"]?.arrayValue?.first { $0["type"] == "tool_use" }, "\(plain.body)")
            #expect(block["name"] == "get_weather" && block["input"] == ["city": "Paris"] && block["id"] == "call_1")

            body["stream"] = true
            let streamed = try await gateway.post("/v1/messages", json: body, key: Fixture.key)
            let events = Fixture.events(streamed)
            #expect(events.first?.name == "message_start" && events.last?.name == "message_stop", "\(events.map(\.name))")
            #expect(events.contains { $0.name == "content_block_start" && $0.data["content_block"]?["type"] == "tool_use" })
            let json = events.compactMap { $0.data["delta"]?["partial_json"]?.stringValue }.joined()
            #expect(try JSONParser.parse(json) == ["city": "Paris"], "\(streamed.body)")
            #expect(events.contains { $0.name == "message_delta" && $0.data["delta"]?["stop_reason"] == "tool_use" })
        }
    }

    @Test("Messages → chat: documents, images in tool results and fields chat cannot carry are refused naming them; drop_params drops them")
    func messagesRefusals() async throws {
        try await Fixture.withGateway { gateway, recorder in
            let base: JSON = ["model": "gpt", "max_tokens": 100, "messages": [["role": "user", "content": "hi"]]]
            var document = base
            document["messages"] = [
                [
                    "role": "user",
                    "content": [
                        ["type": "document", "source": ["type": "text", "media_type": "text/plain", "data": "Paris is in France."]],
                        ["type": "text", "text": "where is Paris?"],
                    ],
                ]
            ]
            var toolImage = base
            toolImage["messages"] = [
                ["role": "user", "content": "chart?"],
                ["role": "assistant", "content": [["type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": ["city": "Paris"]]]],
                [
                    "role": "user",
                    "content": [
                        [
                            "type": "tool_result", "tool_use_id": "toolu_1",
                            "content": [
                                ["type": "text", "text": "a chart"],
                                ["type": "image", "source": ["type": "base64", "media_type": "image/png", "data": .string(Fixture.pixel)]],
                            ],
                        ]
                    ],
                ],
            ]
            toolImage["tools"] = [Fixture.anthropicTool]
            var cases: [(JSON, String)] = [(document, "messages[0].content[0]"), (toolImage, "messages[2].content[0].content[1]")]
            for field in ["container", "mcp_servers", "service_tier", "made_up_field"] {
                var body = base
                body[field] = field == "mcp_servers" ? [["type": "url", "url": "https://mcp.example.com", "name": "x"]] : "auto"
                cases.append((body, field))
            }
            var thinking = base
            thinking["thinking"] = ["type": "enabled", "budget_tokens": 1024]
            cases.append((thinking, "thinking"))
            var serverTool = base
            serverTool["tools"] = [Fixture.anthropicTool, ["type": "web_search_20250305", "name": "web_search"]]
            cases.append((serverTool, "tools[1]"))
            for (body, param) in cases {
                try await Fixture.expectRefusal(gateway, recorder, "/v1/messages", body, param: param)
                var lenient = body
                lenient["model"] = "gpt-lenient"
                let dropped = try await gateway.post("/v1/messages", json: lenient, key: Fixture.key)
                #expect(dropped.status == 200, "\(param) with drop_params: \(dropped.body)")
            }
        }
    }

    @Test("chat → Anthropic: system, images, tool calls and results, tools, tool_choice, stop, user and reasoning_effort reach Messages")
    func chatToAnthropic() async throws {
        try await Fixture.withGateway { gateway, recorder in
            let body: JSON = [
                "model": "claude", "max_tokens": 100, "stop": "END", "user": "u-1", "reasoning_effort": "low", "tools": [Fixture.chatTool],
                "tool_choice": "required", "parallel_tool_calls": false,
                "messages": [
                    ["role": "system", "content": "be brief"],
                    [
                        "role": "user",
                        "content": [
                            ["type": "text", "text": "weather?"], ["type": "image_url", "image_url": ["url": .string(Self.dataURL)]],
                            ["type": "image_url", "image_url": ["url": .string(Self.imageURL)]],
                        ],
                    ],
                    [
                        "role": "assistant", "content": nil,
                        "tool_calls": [
                            ["id": "call_1", "type": "function", "function": ["name": "get_weather", "arguments": #"{"city":"Paris"}"#]]
                        ],
                    ],
                    ["role": "tool", "tool_call_id": "call_1", "content": "21 degrees"],
                    ["role": "user", "content": "thanks"],
                ],
            ]
            let reply = try await gateway.post("/v1/chat/completions", json: body, key: Fixture.key)
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.json?["choices"]?[0]?["message"]?["content"] == "upstream says: thanks")
            #expect(reply.json?["choices"]?[0]?["finish_reason"] == "stop")
            let call = try #require(await recorder.last)
            #expect(call.path == "/v1/messages")
            Fixture.expectAnthropicToolConversation(call.body, id: "call_1")
            #expect(call.body["messages"]?[0]?["content"]?[2]?["source"] == ["type": "url", "url": .string(Self.imageURL)])
            #expect(call.body["tool_choice"] == ["type": "any", "disable_parallel_tool_use": true])
            #expect(call.body["stop_sequences"] == ["END"] && call.body["metadata"] == ["user_id": "u-1"])
            #expect(call.body["thinking"] == ["type": "enabled", "budget_tokens": 1024])
            #expect((call.body["max_tokens"]?.intValue ?? 0) > 1024, "raised past the thinking budget")

            let choices: [(JSON, JSON)] = [
                ("none", ["type": "none"]), (["type": "function", "function": ["name": "get_weather"]], ["type": "tool", "name": "get_weather"]),
            ]
            for (choice, expected) in choices {
                let named: JSON = [
                    "model": "claude", "tools": [Fixture.chatTool], "tool_choice": choice, "messages": [["role": "user", "content": "hi"]],
                ]
                #expect(try await gateway.post("/v1/chat/completions", json: named, key: Fixture.key).status == 200)
                #expect(await recorder.last?.body["tool_choice"] == expected)
            }
        }
    }

    @Test("chat → Anthropic: a tool_use answer is a tool call with finish_reason tool_calls")
    func toolCallsFromAnthropic() async throws {
        try await Fixture.withGateway { gateway, _ in
            let body: JSON = ["model": "claude-tool", "tools": [Fixture.chatTool], "messages": [["role": "user", "content": "weather?"]]]
            let reply = try await gateway.post("/v1/chat/completions", json: body, key: Fixture.key)
            let choice = try #require(reply.json?["choices"]?[0], "\(reply.body)")
            #expect(choice["finish_reason"] == "tool_calls")
            #expect(choice["message"]?["tool_calls"]?[0]?["function"]?["name"] == "get_weather")
            #expect(try JSONParser.parse(choice["message"]?["tool_calls"]?[0]?["function"]?["arguments"]?.stringValue ?? "") == ["city": "Paris"])
        }
    }

    @Test("chat → Anthropic: response_format, seed, logprobs and n > 1 are refused naming them; drop_params drops them")
    func chatRefusals() async throws {
        try await Fixture.withGateway { gateway, recorder in
            let cases: [(String, JSON)] = [
                ("response_format", ["type": "json_schema", "json_schema": ["name": "x", "schema": ["type": "object"]]]),
                ("response_format", ["type": "json_object"]), ("seed", 7), ("logprobs", true), ("n", 2),
            ]
            for (param, value) in cases {
                var body = GatewayFixture.chat("claude")
                body[param] = value
                try await Fixture.expectRefusal(gateway, recorder, "/v1/chat/completions", body, param: param)
                body["model"] = "claude-lenient"
                let dropped = try await gateway.post("/v1/chat/completions", json: body, key: Fixture.key)
                #expect(dropped.status == 200, "\(param) with drop_params: \(dropped.body)")
                #expect(await recorder.last?.body[param] == nil, "\(param) was dropped, not sent")
            }
        }
    }
}
