import GatewayCore
import GatewayTesting
import Testing

/// `/v1/responses` translated over real HTTP to a deployment that does not speak the Responses API: an
/// OpenAI-compatible one (`hosted_vllm/`, chat completions) and an Anthropic one (Messages). Each feature of the
/// translation is checked where it lands (what the upstream received) and where it comes back (the Responses answer).
struct ResponsesTranslationPairTests {
    typealias Fixture = TranslationPairFixture

    /// A conversation with every input item the translation carries: a user message with text and an image, a
    /// reasoning item, a function call and its output, and a last user message.
    static let items: JSON = [
        [
            "type": "message", "role": "user",
            "content": [
                ["type": "input_text", "text": "weather?"],
                ["type": "input_image", "image_url": .string("data:image/png;base64,\(Fixture.pixel)"), "detail": "low"],
            ],
        ],
        ["type": "reasoning", "id": "rs_1", "summary": [["type": "summary_text", "text": "I should call get_weather."]]],
        ["type": "function_call", "call_id": "call_a", "name": "get_weather", "arguments": #"{"city":"Paris"}"#],
        ["type": "function_call_output", "call_id": "call_a", "output": "21 degrees"],
        ["type": "message", "role": "user", "content": "thanks"],
    ]

    static let schema: JSON = ["type": "object", "properties": ["answer": ["type": "string"]], "required": ["answer"]]

    @Test("Responses → chat: input items, instructions, tools, tool_choice, reasoning effort and text.format reach the chat upstream")
    func requestToChat() async throws {
        try await Fixture.withGateway { gateway, recorder in
            let body: JSON = [
                "model": "compat", "input": Self.items, "instructions": "be brief", "tools": [Fixture.responsesTool],
                "tool_choice": ["type": "function", "name": "get_weather"], "reasoning": ["effort": "low", "summary": "auto"],
                "text": ["format": ["type": "json_schema", "name": "weather", "schema": Self.schema, "strict": true]], "max_output_tokens": 300,
            ]
            let reply = try await gateway.post("/v1/responses", json: body, key: Fixture.key)
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.json?["output"]?[0]?["content"]?[0]?["text"] == "upstream says: thanks")
            let call = try #require(await recorder.last)
            #expect(call.path == "/v1/chat/completions")
            let messages = try #require(call.body["messages"]?.arrayValue)
            #expect(messages.map { $0["role"]?.stringValue ?? "" } == ["system", "user", "assistant", "tool", "user"], "\(messages)")
            #expect(messages[0]["content"] == "be brief")
            #expect(messages[1]["content"]?[0] == ["type": "text", "text": "weather?"])
            #expect(messages[1]["content"]?[1]?["image_url"]?["url"] == .string("data:image/png;base64,\(Fixture.pixel)"))
            #expect(messages[1]["content"]?[1]?["image_url"]?["detail"] == "low")
            #expect(messages[2]["tool_calls"]?[0]?["id"] == "call_a" && messages[2]["tool_calls"]?[0]?["function"]?["name"] == "get_weather")
            #expect(messages[2]["tool_calls"]?[0]?["function"]?["arguments"] == #"{"city":"Paris"}"#)
            #expect(messages[3]["tool_call_id"] == "call_a" && messages[3]["content"] == "21 degrees")
            #expect(!call.body.serializedString().contains("I should call get_weather"), "reasoning items are not sent to chat")
            #expect(
                call.body["tools"]?[0]?["function"]?["name"] == "get_weather"
                    && call.body["tools"]?[0]?["function"]?["parameters"] == Fixture.toolSchema)
            #expect(call.body["tool_choice"] == ["type": "function", "function": ["name": "get_weather"]])
            #expect(call.body["reasoning_effort"] == "low")
            #expect(call.body["response_format"]?["type"] == "json_schema")
            #expect(call.body["response_format"]?["json_schema"] == ["name": "weather", "schema": Self.schema, "strict": true])
            #expect(call.body["max_completion_tokens"] == 300)
        }
    }

    @Test("Responses → Anthropic: input items, instructions, tools and tool_choice reach Messages; reasoning effort is a thinking budget")
    func requestToAnthropic() async throws {
        try await Fixture.withGateway { gateway, recorder in
            let body: JSON = [
                "model": "claude", "input": Self.items, "instructions": "be brief", "tools": [Fixture.responsesTool],
                "tool_choice": ["type": "function", "name": "get_weather"], "max_output_tokens": 300,
            ]
            let reply = try await gateway.post("/v1/responses", json: body, key: Fixture.key)
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.json?["output"]?[0]?["content"]?[0]?["text"] == "upstream says: thanks")
            let call = try #require(await recorder.last)
            #expect(call.path == "/v1/messages")
            Fixture.expectAnthropicToolConversation(call.body, id: "call_a")
            #expect(call.body["tool_choice"] == ["type": "tool", "name": "get_weather"])
            #expect(call.body["max_tokens"] == 300)

            let reasoning: JSON = ["model": "claude", "input": "hi", "reasoning": ["effort": "high", "summary": "auto"], "max_output_tokens": 300]
            #expect(try await gateway.post("/v1/responses", json: reasoning, key: Fixture.key).status == 200)
            let thinking = try #require(await recorder.last?.body)
            #expect(thinking["thinking"] == ["type": "enabled", "budget_tokens": 4096])
            #expect((thinking["max_tokens"]?.intValue ?? 0) > 4096, "max_tokens raised past the budget: \(thinking)")
        }
    }

    @Test(
        "Responses → chat and → Anthropic: a function call answer is a function_call item, plain and streamed",
        arguments: ["compat-tool", "claude-tool"])
    func functionCallAnswer(model: String) async throws {
        try await Fixture.withGateway { gateway, _ in
            for stream in [false, true] {
                let body: JSON = ["model": .string(model), "input": "weather?", "tools": [Fixture.responsesTool], "stream": .bool(stream)]
                let reply = try await gateway.post("/v1/responses", json: body, key: Fixture.key)
                #expect(reply.status == 200, "\(reply.body)")
                let events = Fixture.events(reply)
                let response = try #require(stream ? events.last?.data["response"] : reply.json, "\(reply.body)")
                let item = try #require(response["output"]?.arrayValue?.first { $0["type"] == "function_call" }, "\(response)")
                #expect(item["name"] == "get_weather" && item["call_id"]?.stringValue?.isEmpty == false)
                #expect(try JSONParser.parse(item["arguments"]?.stringValue ?? "") == ["city": "Paris"])
                #expect(response["status"] == "completed")
                guard stream else { continue }
                let names = events.map(\.name)
                #expect(names.first == "response.created" && names.last == "response.completed", "\(names)")
                for name in ["response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.done"] {
                    #expect(names.contains(name), "\(model): no \(name) in \(names)")
                }
                #expect(events.map { $0.data["sequence_number"]?.intValue } == Array(0..<events.count).map { $0 })
            }
        }
    }

    @Test("Responses → chat: a streamed text answer is the Responses event sequence")
    func streamedTextFromChat() async throws {
        try await Fixture.withGateway { gateway, _ in
            let reply = try await gateway.post("/v1/responses", json: ["model": "compat", "input": "a b", "stream": true], key: Fixture.key)
            let events = Fixture.events(reply)
            let names = events.map(\.name)
            #expect(
                names.filter { !$0.hasSuffix(".delta") } == [
                    "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
                    "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed",
                ], "\(names)")
            let text = events.filter { $0.name == "response.output_text.delta" }.compactMap { $0.data["delta"]?.stringValue }.joined()
            #expect(text.hasPrefix("upstream says: a b"))
            #expect((events.last?.data["response"]?["usage"]?["output_tokens"]?.intValue ?? 0) > 0)
        }
    }

    /// OpenAI's 1000 input tokens (800 cached) and 300 output (200 reasoning); Anthropic's 100 uncached input, 800
    /// cache-read, 200 cache-write and 300 output tokens (``CachedUsage``).
    @Test(
        "Responses → chat and → Anthropic: usage carries cached and reasoning tokens, and the cost prices them",
        arguments: ["compat-cached", "claude-cached"])
    func usageAndCost(model: String) async throws {
        typealias Price = Fixture.Price
        let anthropic = model.hasPrefix("claude")
        let expected =
            anthropic
            ? 100 * Price.input + 800 * Price.cacheRead + 200 * Price.cacheWrite + 300 * Price.output
            : 200 * Price.input + 800 * Price.cacheRead + 300 * Price.output
        try await Fixture.withGateway { gateway, _ in
            for stream in [false, true] {
                let reply = try await gateway.post(
                    "/v1/responses", json: ["model": .string(model), "input": "hi", "stream": .bool(stream)], key: Fixture.key)
                #expect(reply.status == 200, "\(reply.body)")
                let response = try #require(stream ? Fixture.events(reply).last?.data["response"] : reply.json)
                let usage = try #require(response["usage"], "\(model): \(response)")
                #expect(usage["input_tokens"] == (anthropic ? 1100 : 1000), "\(model): \(usage)")
                #expect(usage["input_tokens_details"]?["cached_tokens"] == 800, "\(model): \(usage)")
                #expect(usage["output_tokens"] == 300, "\(model): \(usage)")
                #expect(usage["output_tokens_details"]?["reasoning_tokens"] == (anthropic ? 0 : 200), "\(model): \(usage)")
                if anthropic { #expect(usage["input_tokens_details"]?["cache_write_tokens"] == 200, "\(usage)") }
                guard !stream else { continue }
                let cost = try #require(reply.header("x-litellm-response-cost").flatMap(Double.init))
                #expect(Fixture.close(cost, expected), "\(model): cost \(cost), by hand \(expected)")
            }
        }
    }

    @Test("Responses → Anthropic: what Anthropic cannot express is refused naming the Responses field; drop_params drops it")
    func refusalsToAnthropic() async throws {
        try await Fixture.withGateway { gateway, recorder in
            let format: JSON = ["format": ["type": "json_schema", "name": "weather", "schema": Self.schema]]
            let cases: [(String, JSON, String)] = [
                ("text", format, "text.format"),
                ("text", ["verbosity": "low"], "text.verbosity"),
                ("service_tier", "flex", "service_tier"),
            ]
            for (field, value, param) in cases {
                var body: JSON = ["model": "claude", "input": "hi"]
                body[field] = value
                try await Fixture.expectRefusal(gateway, recorder, "/v1/responses", body, param: param)
                body["model"] = "claude-lenient"
                let dropped = try await gateway.post("/v1/responses", json: body, key: Fixture.key)
                #expect(dropped.status == 200, "\(param) with drop_params: \(dropped.body)")
                let sent = await recorder.last?.body
                #expect(
                    sent?["response_format"] == nil && sent?["service_tier"] == nil && sent?["verbosity"] == nil,
                    "\(param): \(String(describing: sent))")
            }
            // A file part Anthropic's translation cannot take: the error names the input item, not the chat message.
            let file: JSON = [
                "model": "claude", "instructions": "be brief",
                "input": [
                    ["role": "user", "content": [["type": "input_file", "filename": "a.pdf", "file_data": "data:application/pdf;base64,JVBERg=="]]]
                ],
            ]
            try await Fixture.expectRefusal(gateway, recorder, "/v1/responses", file, param: "input[0].content[0].type", code: "invalid_request")
        }
    }
}
