import GatewayCore
import OpenAIResponsesDialect
import Testing

/// Responses request → chat request: one test per mapped feature.
struct RequestTranslationTests {
    private func chat(_ body: JSON, history: [JSON] = []) throws -> JSON {
        try ResponsesRequestTranslator.translate(body, history: history).chat
    }

    @Test func stringInputBecomesOneUserMessage() throws {
        let translated = try chat(["model": "m", "input": "hello"])
        #expect(translated["model"] == "m")
        #expect(translated["messages"] == [["role": "user", "content": "hello"]])
    }

    @Test func instructionsBecomeAFirstSystemMessage() throws {
        let translated = try chat(["model": "m", "instructions": "be brief", "input": "hi"])
        #expect(translated["messages"]?[0] == ["role": "system", "content": "be brief"])
        #expect(translated["messages"]?[1] == ["role": "user", "content": "hi"])
    }

    @Test func messageItemsKeepTheirRolesAndParts() throws {
        let input: JSON = [
            ["role": "developer", "content": "rules"],
            [
                "type": "message", "role": "user",
                "content": [
                    ["type": "input_text", "text": "what is this?"],
                    ["type": "input_image", "image_url": "https://example.com/cat.png", "detail": "low"],
                ],
            ],
            ["role": "assistant", "content": [["type": "output_text", "text": "a cat"]]],
            ["role": "user", "content": [["type": "input_text", "text": "sure?"]]],
        ]
        let messages = try #require(try chat(["model": "m", "input": input])["messages"]?.arrayValue)
        #expect(messages.count == 4)
        #expect(messages[0] == ["role": "developer", "content": "rules"])
        #expect(messages[1]["content"]?[0] == ["type": "text", "text": "what is this?"])
        #expect(messages[1]["content"]?[1] == ["type": "image_url", "image_url": ["url": "https://example.com/cat.png", "detail": "low"]])
        #expect(messages[2] == ["role": "assistant", "content": "a cat"])
        #expect(messages[3] == ["role": "user", "content": "sure?"])
    }

    @Test func inputFileWithDataBecomesAChatFilePart() throws {
        let input: JSON = [
            [
                "role": "user",
                "content": [
                    ["type": "input_text", "text": "read"],
                    ["type": "input_file", "file_data": "data:application/pdf;base64,AA", "filename": "a.pdf"],
                ],
            ]
        ]
        let part = try chat(["model": "m", "input": input])["messages"]?[0]?["content"]?[1]
        #expect(part == ["type": "file", "file": ["file_data": "data:application/pdf;base64,AA", "filename": "a.pdf"]])
    }

    @Test func functionCallsAndOutputsBecomeToolCallsAndToolMessages() throws {
        let input: JSON = [
            ["role": "user", "content": "weather in Paris and Rome?"],
            ["type": "function_call", "call_id": "call_1", "name": "get_weather", "arguments": #"{"city":"Paris"}"#],
            ["type": "function_call", "call_id": "call_2", "name": "get_weather", "arguments": #"{"city":"Rome"}"#],
            ["type": "function_call_output", "call_id": "call_1", "output": "sunny"],
            ["type": "function_call_output", "call_id": "call_2", "output": [["type": "input_text", "text": "rain"]]],
        ]
        let messages = try #require(try chat(["model": "m", "input": input])["messages"]?.arrayValue)
        #expect(messages.count == 4)
        #expect(messages[1]["role"] == "assistant")
        #expect(messages[1]["content"] == .null)
        #expect(messages[1]["tool_calls"]?.arrayValue?.count == 2, "parallel calls stay one assistant turn")
        #expect(
            messages[1]["tool_calls"]?[0]
                == ["id": "call_1", "type": "function", "function": ["name": "get_weather", "arguments": #"{"city":"Paris"}"#]])
        #expect(messages[2] == ["role": "tool", "tool_call_id": "call_1", "content": "sunny"])
        #expect(messages[3] == ["role": "tool", "tool_call_id": "call_2", "content": "rain"])
    }

    @Test func reasoningItemsAreNotSentUpstream() throws {
        let input: JSON = [
            ["role": "user", "content": "hi"],
            ["type": "reasoning", "id": "rs_1", "summary": [["type": "summary_text", "text": "thinking"]]],
            ["role": "assistant", "content": "hello"],
        ]
        let translation = try ResponsesRequestTranslator.translate(["model": "m", "input": input])
        #expect(translation.chat["messages"]?.arrayValue?.count == 2)
        #expect(translation.inputItems.count == 3, "the item is kept for input_items and follow-ups")
    }

    @Test func theGatewaysSignedThinkingGoesBackOnTheFollowingAssistantTurn() throws {
        let blocks: [JSON] = [["type": "thinking", "thinking": "t", "signature": "s"]]
        let reasoning = ResponsesResponseTranslator.reasoningItem(id: "rs_1", text: "t", thinkingBlocks: blocks)
        let input: JSON = [
            ["role": "user", "content": "weather?"], reasoning,
            ["type": "function_call", "call_id": "toolu_1", "name": "w", "arguments": "{}"],
            ["type": "function_call_output", "call_id": "toolu_1", "output": "sunny"],
        ]
        let messages = try #require(try chat(["model": "m", "input": input])["messages"]?.arrayValue)
        #expect(messages.count == 3)
        #expect(messages[1]["thinking_blocks"] == .array(blocks))
        #expect(messages[1]["tool_calls"]?[0]?["id"] == "toolu_1")
    }

    @Test func functionToolsAreNestedUnderFunction() throws {
        let tool: JSON = [
            "type": "function", "name": "get_weather", "description": "Weather.", "strict": true,
            "parameters": ["type": "object", "properties": ["city": ["type": "string"]]],
        ]
        let translated = try chat(["model": "m", "input": "hi", "tools": [tool]])
        #expect(
            translated["tools"]
                == [
                    [
                        "type": "function",
                        "function": [
                            "name": "get_weather", "description": "Weather.", "strict": true,
                            "parameters": ["type": "object", "properties": ["city": ["type": "string"]]],
                        ],
                    ]
                ])
    }

    static let toolChoices: [(JSON, JSON)] = [
        ("auto", "auto"), ("none", "none"), ("required", "required"),
        (["type": "function", "name": "f"], ["type": "function", "function": ["name": "f"]]),
        (
            ["type": "allowed_tools", "mode": "required", "tools": [["type": "function", "name": "f"]]],
            ["type": "allowed_tools", "allowed_tools": ["mode": "required", "tools": [["type": "function", "function": ["name": "f"]]]]]
        ),
    ]

    @Test(arguments: toolChoices)
    func toolChoiceMaps(choice: JSON, expected: JSON) throws {
        let tool: JSON = ["type": "function", "name": "f"]
        #expect(try chat(["model": "m", "input": "hi", "tools": [tool], "tool_choice": choice])["tool_choice"] == expected)
    }

    @Test func jsonSchemaFormatBecomesResponseFormat() throws {
        let format: JSON = ["type": "json_schema", "name": "answer", "schema": ["type": "object"], "strict": true, "description": "d"]
        let translated = try chat(["model": "m", "input": "hi", "text": ["format": format, "verbosity": "low"]])
        #expect(
            translated["response_format"]
                == ["type": "json_schema", "json_schema": ["name": "answer", "schema": ["type": "object"], "strict": true, "description": "d"]])
        #expect(translated["verbosity"] == "low")
        #expect(try chat(["model": "m", "input": "hi", "text": ["format": ["type": "json_object"]]])["response_format"] == ["type": "json_object"])
        #expect(try chat(["model": "m", "input": "hi", "text": ["format": ["type": "text"]]])["response_format"] == nil)
    }

    @Test func samplingAndLimitsMap() throws {
        let translated = try chat([
            "model": "m", "input": "hi", "max_output_tokens": 64, "temperature": 0.5, "top_p": 0.9, "parallel_tool_calls": false,
            "metadata": ["ticket": "42"], "user": "u-1", "reasoning": ["effort": "low", "summary": "auto"],
            "service_tier": "flex", "safety_identifier": "s", "prompt_cache_key": "k",
        ])
        #expect(translated["max_completion_tokens"] == 64)
        #expect(translated["max_tokens"] == nil)
        #expect(translated["temperature"] == 0.5)
        #expect(translated["top_p"] == 0.9)
        #expect(translated["parallel_tool_calls"] == false)
        #expect(translated["metadata"] == ["ticket": "42"])
        #expect(translated["user"] == "u-1")
        #expect(translated["reasoning_effort"] == "low")
        #expect(translated["service_tier"] == "flex")
        #expect(translated["safety_identifier"] == "s")
        #expect(translated["prompt_cache_key"] == "k")
    }

    @Test func streamAsksForUsage() throws {
        let translated = try chat(["model": "m", "input": "hi", "stream": true])
        #expect(translated["stream"] == true)
        #expect(translated["stream_options"] == ["include_usage": true])
        #expect(try chat(["model": "m", "input": "hi", "stream": false])["stream_options"] == nil)
    }

    @Test func historyComesBeforeTheNewInputAndInstructionsFirst() throws {
        let history =
            try ResponsesRequestTranslator.translate(["model": "m", "input": "first"]).inputItems + [
                ["id": "msg_1", "type": "message", "role": "assistant", "status": "completed", "content": [["type": "output_text", "text": "one"]]]
            ]
        let messages = try chat(["model": "m", "instructions": "sys", "input": "second"], history: history)["messages"]
        #expect(
            messages
                == [
                    ["role": "system", "content": "sys"], ["role": "user", "content": "first"], ["role": "assistant", "content": "one"],
                    ["role": "user", "content": "second"],
                ])
    }

    @Test func inputItemsGetIdsAndTheListShape() throws {
        let items = try ResponsesRequestTranslator.translate(["model": "m", "input": "hello"]).inputItems
        #expect(items.count == 1)
        #expect(items[0]["id"]?.stringValue?.hasPrefix("msg_") == true)
        #expect(items[0]["type"] == "message")
        #expect(items[0]["content"] == [["type": "input_text", "text": "hello"]])
        let kept = try ResponsesRequestTranslator.translate(["model": "m", "input": [["id": "msg_mine", "role": "user", "content": "x"]]])
        #expect(kept.inputItems[0]["id"] == "msg_mine")
    }

    @Test func neutralValuesOfUnservableFieldsAreAccepted() throws {
        _ = try chat([
            "model": "m", "input": "hi", "background": false, "truncation": "disabled", "include": [], "store": false,
            "stream_options": ["include_obfuscation": false], "max_tool_calls": 3,
        ])
    }
}
