import Testing

@testable import AnthropicMessagesDialect
@testable import GatewayCore

struct AnthropicRequestTranslatorTests {
    private func outbound(_ body: JSON) throws -> JSON {
        try AnthropicRequestTranslator.anthropicRequest(fromOpenAI: body, upstreamModel: "claude-sonnet-4-5")
    }

    // MARK: - OpenAI → Anthropic

    @Test func systemAndDeveloperMessagesBecomeTopLevelSystem() throws {
        let request = try outbound([
            "model": "claude", "max_tokens": 100,
            "messages": [
                ["role": "system", "content": "Be brief."],
                ["role": "developer", "content": [["type": "text", "text": "Answer in French."]]],
                ["role": "user", "content": "Hi"],
            ],
        ])
        #expect(request["model"] == "claude-sonnet-4-5")
        #expect(request["system"] == "Be brief.\n\nAnswer in French.")
        #expect(request["messages"] == [["role": "user", "content": "Hi"]])
        #expect(request["max_tokens"] == 100)
    }

    @Test func systemWithCacheControlKeepsBlocks() throws {
        let cache: JSON = ["type": "ephemeral"]
        let request = try outbound([
            "messages": [
                ["role": "system", "content": [["type": "text", "text": "Long prompt", "cache_control": cache]]],
                ["role": "user", "content": "Hi"],
            ]
        ])
        #expect(request["system"] == [["type": "text", "text": "Long prompt", "cache_control": cache]])
    }

    @Test func multiPartContentAndImages() throws {
        let request = try outbound([
            "messages": [
                [
                    "role": "user",
                    "content": [
                        ["type": "text", "text": "What is in these?"],
                        ["type": "image_url", "image_url": ["url": "data:image/png;base64,iVBORw0KGgo="]],
                        ["type": "image_url", "image_url": ["url": "https://example.com/cat.jpg", "detail": "high"]],
                    ],
                ]
            ]
        ])
        #expect(
            request["messages"]?[0]?["content"] == [
                ["type": "text", "text": "What is in these?"],
                ["type": "image", "source": ["type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="]],
                ["type": "image", "source": ["type": "url", "url": "https://example.com/cat.jpg"]],
            ])
    }

    @Test func nonBase64DataURLIsRejected() {
        #expect(throws: GatewayError.self) {
            try outbound(["messages": [["role": "user", "content": [["type": "image_url", "image_url": ["url": "data:image/png,abc"]]]]]])
        }
    }

    @Test func toolCallsAndToolResults() throws {
        let request = try outbound([
            "messages": [
                ["role": "user", "content": "Weather in Paris and Rome?"],
                [
                    "role": "assistant", "content": "Checking.",
                    "tool_calls": [
                        ["id": "call_1", "type": "function", "function": ["name": "weather", "arguments": "{\"city\":\"Paris\"}"]],
                        ["id": "call_2", "type": "function", "function": ["name": "weather", "arguments": "not json"]],
                    ],
                ],
                ["role": "tool", "tool_call_id": "call_1", "content": "18C"],
                ["role": "tool", "tool_call_id": "call_2", "content": [["type": "text", "text": "21C"]]],
                ["role": "user", "content": "Thanks"],
            ]
        ])
        let messages = try #require(request["messages"]?.arrayValue)
        #expect(messages.count == 3)
        #expect(
            messages[1] == [
                "role": "assistant",
                "content": [
                    ["type": "text", "text": "Checking."],
                    ["type": "tool_use", "id": "call_1", "name": "weather", "input": ["city": "Paris"]],
                    ["type": "tool_use", "id": "call_2", "name": "weather", "input": [:]],
                ],
            ])
        // Both results and the following user text merge into one user turn, results first.
        #expect(
            messages[2] == [
                "role": "user",
                "content": [
                    ["type": "tool_result", "tool_use_id": "call_1", "content": "18C"],
                    ["type": "tool_result", "tool_use_id": "call_2", "content": [["type": "text", "text": "21C"]]],
                    ["type": "text", "text": "Thanks"],
                ],
            ])
    }

    @Test func consecutiveSameRoleMessagesMerge() throws {
        let request = try outbound([
            "messages": [
                ["role": "user", "content": "One"],
                ["role": "user", "content": "Two"],
                ["role": "assistant", "content": "A"],
                ["role": "assistant", "content": ""],
                ["role": "assistant", "content": "B"],
            ]
        ])
        #expect(
            request["messages"] == [
                ["role": "user", "content": [["type": "text", "text": "One"], ["type": "text", "text": "Two"]]],
                ["role": "assistant", "content": [["type": "text", "text": "A"], ["type": "text", "text": "B"]]],
            ])
    }

    @Test func toolsChoiceAndSamplingParameters() throws {
        let parameters: JSON = ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]]
        let request = try outbound([
            "messages": [["role": "user", "content": "Hi"]],
            "tools": [["type": "function", "function": ["name": "weather", "description": "Get weather", "parameters": parameters]]],
            "tool_choice": ["type": "function", "function": ["name": "weather"]],
            "parallel_tool_calls": false,
            "max_completion_tokens": 256, "max_tokens": 10, "temperature": 0.5, "top_p": 0.9,
            "stream": true, "stop": "END", "user": "user-42",
        ])
        #expect(request["tools"] == [["name": "weather", "description": "Get weather", "input_schema": parameters]])
        #expect(request["tool_choice"] == ["type": "tool", "name": "weather", "disable_parallel_tool_use": true])
        #expect(request["max_tokens"] == 256)
        #expect(request["temperature"] == 0.5)
        #expect(request["top_p"] == 0.9)
        #expect(request["stream"] == true)
        #expect(request["stop_sequences"] == ["END"])
        #expect(request["metadata"] == ["user_id": "user-42"])
    }

    @Test(arguments: [
        ("auto" as JSON, ["type": "auto"] as JSON),
        ("none" as JSON, ["type": "none"] as JSON),
        ("required" as JSON, ["type": "any"] as JSON),
    ])
    func toolChoiceStrings(choice: JSON, expected: JSON) throws {
        let request = try outbound([
            "messages": [["role": "user", "content": "Hi"]],
            "tools": [["type": "function", "function": ["name": "f"]]],
            "tool_choice": choice,
        ])
        #expect(request["tool_choice"] == expected)
        #expect(request["tools"]?[0]?["input_schema"] == ["type": "object", "properties": [:]])
    }

    @Test func defaultsMaxTokensAndStopArray() throws {
        let request = try outbound(["messages": [["role": "user", "content": "Hi"]], "stop": ["a", "b"]])
        #expect(request["max_tokens"] == 4096)
        #expect(request["stop_sequences"] == ["a", "b"])
        #expect(request["tools"] == nil)
        #expect(request["system"] == nil)
    }

    @Test func rejectsMissingMessagesAndUnknownRoles() {
        #expect(throws: GatewayError.badRequest("'messages' must be an array.", param: "messages")) {
            try outbound(["model": "x"])
        }
        #expect(throws: GatewayError.self) {
            try outbound(["messages": [["role": "narrator", "content": "Once"]]])
        }
    }

    // MARK: - Anthropic → OpenAI

    @Test func inboundSystemContentToolsAndParameters() throws {
        let schema: JSON = ["type": "object", "properties": ["q": ["type": "string"]]]
        let request = try AnthropicRequestTranslator.openAIRequest(fromAnthropic: [
            "model": "gpt-4o", "max_tokens": 512, "temperature": 0.2, "top_p": 0.8, "top_k": 40,
            "stop_sequences": ["STOP"], "stream": true, "metadata": ["user_id": "u1"],
            "system": [["type": "text", "text": "You are helpful."], ["type": "text", "text": "Be terse."]],
            "tools": [["name": "search", "description": "Search the web", "input_schema": schema]],
            "tool_choice": ["type": "any", "disable_parallel_tool_use": true],
            "messages": [
                [
                    "role": "user",
                    "content": [
                        ["type": "text", "text": "Look at this"],
                        ["type": "image", "source": ["type": "base64", "media_type": "image/jpeg", "data": "AAAA"]],
                    ],
                ],
                [
                    "role": "assistant",
                    "content": [
                        ["type": "thinking", "thinking": "hmm", "signature": "sig"],
                        ["type": "text", "text": "Searching."],
                        ["type": "tool_use", "id": "toolu_1", "name": "search", "input": ["q": "cats"]],
                    ],
                ],
                [
                    "role": "user",
                    "content": [
                        ["type": "tool_result", "tool_use_id": "toolu_1", "content": [["type": "text", "text": "3 results"]]],
                        ["type": "text", "text": "Summarize"],
                    ],
                ],
            ],
        ])
        #expect(request["model"] == "gpt-4o")
        #expect(request["max_tokens"] == 512)
        #expect(request["top_k"] == 40)
        #expect(request["stop"] == ["STOP"])
        #expect(request["stream"] == true)
        #expect(request["stream_options"] == ["include_usage": true])
        #expect(request["user"] == "u1")
        #expect(request["tools"] == [["type": "function", "function": ["name": "search", "description": "Search the web", "parameters": schema]]])
        #expect(request["tool_choice"] == "required")
        #expect(request["parallel_tool_calls"] == false)
        let messages = try #require(request["messages"]?.arrayValue)
        #expect(messages.count == 5)
        #expect(messages[0] == ["role": "system", "content": "You are helpful.\n\nBe terse."])
        #expect(
            messages[1] == [
                "role": "user",
                "content": [
                    ["type": "text", "text": "Look at this"], ["type": "image_url", "image_url": ["url": "data:image/jpeg;base64,AAAA"]],
                ],
            ])
        #expect(messages[2]["content"] == "Searching.")
        #expect(messages[2]["tool_calls"]?[0]?["id"] == "toolu_1")
        #expect(messages[2]["tool_calls"]?[0]?["function"]?["name"] == "search")
        let arguments = try #require(messages[2]["tool_calls"]?[0]?["function"]?["arguments"]?.stringValue)
        #expect(try JSONParser.parse(arguments) == ["q": "cats"])
        #expect(messages[3] == ["role": "tool", "tool_call_id": "toolu_1", "content": "3 results"])
        #expect(messages[4] == ["role": "user", "content": "Summarize"])
    }

    @Test func inboundToolChoiceNamedAndRejections() throws {
        let request = try AnthropicRequestTranslator.openAIRequest(fromAnthropic: [
            "model": "m", "messages": [["role": "user", "content": "Hi"]],
            "tools": [["name": "f", "input_schema": ["type": "object"]]], "tool_choice": ["type": "tool", "name": "f"],
        ])
        #expect(request["tool_choice"] == ["type": "function", "function": ["name": "f"]])
        #expect(request["stream"] == nil)
        #expect(request["max_tokens"] == nil)
        #expect(throws: GatewayError.self) { try AnthropicRequestTranslator.openAIRequest(fromAnthropic: ["model": "m"]) }
        #expect(throws: GatewayError.self) {
            try AnthropicRequestTranslator.openAIRequest(fromAnthropic: ["messages": [["role": "system", "content": "x"]]])
        }
    }

    // MARK: - Round trip

    @Test func openAIToAnthropicToOpenAIKeepsMessagesAndTools() throws {
        let tool: JSON = [
            "type": "function",
            "function": [
                "name": "lookup", "description": "Look up a word", "parameters": ["type": "object", "properties": ["word": ["type": "string"]]],
            ],
        ]
        let original: JSON = [
            "model": "claude",
            "max_tokens": 300,
            "tools": [tool],
            "messages": [
                ["role": "system", "content": "Define words."],
                ["role": "user", "content": "Define 'gate'."],
                [
                    "role": "assistant", "content": nil,
                    "tool_calls": [["id": "call_9", "type": "function", "function": ["name": "lookup", "arguments": "{\"word\":\"gate\"}"]]],
                ],
                ["role": "tool", "tool_call_id": "call_9", "content": "An opening in a wall."],
                ["role": "assistant", "content": "A gate is an opening in a wall."],
            ],
        ]
        let anthropic = try outbound(original)
        let back = try AnthropicRequestTranslator.openAIRequest(fromAnthropic: anthropic)
        #expect(back["model"] == "claude-sonnet-4-5")
        #expect(back["max_tokens"] == 300)
        #expect(back["tools"] == [tool])
        let messages = try #require(back["messages"]?.arrayValue)
        let expected = try #require(original["messages"]?.arrayValue)
        #expect(messages.count == expected.count)
        #expect(messages[0] == expected[0])
        #expect(messages[1] == expected[1])
        #expect(messages[2]["content"]?.isNull == true)
        #expect(messages[2]["tool_calls"]?[0]?["id"] == "call_9")
        let arguments = try #require(messages[2]["tool_calls"]?[0]?["function"]?["arguments"]?.stringValue)
        #expect(try JSONParser.parse(arguments) == ["word": "gate"])
        #expect(messages[3] == expected[3])
        #expect(messages[4] == expected[4])
    }

    @Test func assistantThinkingBlocksGoFirstAndMustBeWhole() throws {
        let signed: JSON = ["type": "thinking", "thinking": "hmm", "signature": "sig"]
        let redacted: JSON = ["type": "redacted_thinking", "data": "opaque"]
        func translate(_ blocks: JSON) throws -> JSON {
            try AnthropicRequestTranslator.anthropicRequest(
                fromOpenAI: [
                    "model": "m",
                    "messages": [
                        ["role": "user", "content": "weather?"],
                        [
                            "role": "assistant", "content": nil, "thinking_blocks": blocks,
                            "tool_calls": [["id": "toolu_1", "type": "function", "function": ["name": "w", "arguments": "{}"]]],
                        ],
                        ["role": "tool", "tool_call_id": "toolu_1", "content": "sunny"],
                    ],
                ], upstreamModel: "claude")
        }
        let request = try translate([signed, redacted])
        #expect(
            request["messages"]?[1]?["content"]?.arrayValue?.map { $0["type"]?.stringValue ?? "" } == ["thinking", "redacted_thinking", "tool_use"])
        #expect(request["messages"]?[1]?["content"]?[0] == signed)
        #expect(throws: GatewayError.self) { try translate([["type": "thinking", "thinking": "unsigned"]]) }
        #expect(throws: GatewayError.self) { try translate("not blocks") }
    }
}
