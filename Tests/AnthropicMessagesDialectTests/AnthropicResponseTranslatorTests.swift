import Testing

@testable import AnthropicMessagesDialect
@testable import GatewayCore

struct AnthropicResponseTranslatorTests {
    @Test func anthropicMessageToChatCompletion() throws {
        let message: JSON = [
            "id": "msg_01", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
            "content": [
                ["type": "text", "text": "Let me check. "],
                ["type": "text", "text": "One moment."],
                ["type": "tool_use", "id": "toolu_1", "name": "weather", "input": ["city": "Paris"]],
            ],
            "stop_reason": "tool_use", "stop_sequence": nil,
            "usage": ["input_tokens": 10, "output_tokens": 20, "cache_read_input_tokens": 100, "cache_creation_input_tokens": 5],
        ]
        let completion = AnthropicResponseTranslator.openAIResponse(fromAnthropic: message, model: "claude-alias")
        #expect(completion["id"] == "msg_01")
        #expect(completion["object"] == "chat.completion")
        #expect(completion["model"] == "claude-alias")
        #expect((completion["created"]?.intValue ?? 0) > 1_700_000_000)
        let choice = try #require(completion["choices"]?[0])
        #expect(choice["index"] == 0)
        #expect(choice["finish_reason"] == "tool_calls")
        #expect(choice["message"]?["role"] == "assistant")
        #expect(choice["message"]?["content"] == "Let me check. One moment.")
        let call = try #require(choice["message"]?["tool_calls"]?[0])
        #expect(call["id"] == "toolu_1")
        #expect(call["type"] == "function")
        #expect(call["function"]?["name"] == "weather")
        #expect(try JSONParser.parse(try #require(call["function"]?["arguments"]?.stringValue)) == ["city": "Paris"])
        #expect(completion["usage"]?["prompt_tokens"] == 115)
        #expect(completion["usage"]?["completion_tokens"] == 20)
        #expect(completion["usage"]?["total_tokens"] == 135)
        #expect(completion["usage"]?["prompt_tokens_details"]?["cached_tokens"] == 100)
    }

    @Test func thinkingBlocksAreKeptWithTheirSignatures() throws {
        let signed: JSON = ["type": "thinking", "thinking": "Check the weather.", "signature": "sig-1"]
        let redacted: JSON = ["type": "redacted_thinking", "data": "opaque"]
        let message: JSON = [
            "id": "msg_02", "content": [signed, redacted, ["type": "tool_use", "id": "toolu_1", "name": "w", "input": [:]]],
            "stop_reason": "tool_use", "usage": ["input_tokens": 1, "output_tokens": 2],
        ]
        let reply = try #require(AnthropicResponseTranslator.openAIResponse(fromAnthropic: message, model: "c")["choices"]?[0]?["message"])
        #expect(reply["reasoning_content"] == "Check the weather.")
        #expect(reply["thinking_blocks"] == [signed, redacted])
    }

    @Test func toolOnlyMessageHasNullContent() {
        let completion = AnthropicResponseTranslator.openAIResponse(
            fromAnthropic: [
                "id": "msg_2", "content": [["type": "tool_use", "id": "t", "name": "f", "input": [:]]], "stop_reason": "tool_use",
                "usage": ["input_tokens": 1, "output_tokens": 2],
            ], model: "m")
        #expect(completion["choices"]?[0]?["message"]?["content"]?.isNull == true)
        #expect(completion["choices"]?[0]?["message"]?["tool_calls"]?[0]?["function"]?["arguments"] == "{}")
        #expect(completion["usage"] == ["prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3])
    }

    @Test(arguments: [
        ("end_turn", "stop"), ("stop_sequence", "stop"), ("max_tokens", "length"), ("tool_use", "tool_calls"),
        ("refusal", "content_filter"),
    ])
    func stopReasonMapsToFinishReason(stopReason: String, finishReason: String) {
        let completion = AnthropicResponseTranslator.openAIResponse(
            fromAnthropic: ["id": "msg_3", "content": [["type": "text", "text": "x"]], "stop_reason": .string(stopReason)], model: "m")
        #expect(completion["choices"]?[0]?["finish_reason"] == .string(finishReason))
    }

    @Test func chatCompletionToAnthropicMessage() throws {
        let completion: JSON = [
            "id": "chatcmpl-abc", "object": "chat.completion", "created": 1, "model": "gpt-4o",
            "choices": [
                [
                    "index": 0, "finish_reason": "tool_calls",
                    "message": [
                        "role": "assistant", "content": "Calling.",
                        "tool_calls": [
                            ["id": "call_1", "type": "function", "function": ["name": "weather", "arguments": "{\"city\":\"Rome\"}"]],
                            ["id": "call_2", "type": "function", "function": ["name": "time", "arguments": "oops"]],
                        ],
                    ],
                ]
            ],
            "usage": ["prompt_tokens": 50, "completion_tokens": 7, "total_tokens": 57, "prompt_tokens_details": ["cached_tokens": 30]],
        ]
        let message = AnthropicResponseTranslator.anthropicResponse(fromOpenAI: completion, model: "gpt-4o-alias")
        #expect(
            message == [
                "id": "msg_chatcmpl-abc", "type": "message", "role": "assistant", "model": "gpt-4o-alias",
                "content": [
                    ["type": "text", "text": "Calling."],
                    ["type": "tool_use", "id": "call_1", "name": "weather", "input": ["city": "Rome"]],
                    ["type": "tool_use", "id": "call_2", "name": "time", "input": [:]],
                ],
                "stop_reason": "tool_use", "stop_sequence": nil,
                "usage": ["input_tokens": 20, "output_tokens": 7, "cache_read_input_tokens": 30],
            ])
    }

    @Test(arguments: [
        ("stop", "end_turn"), ("length", "max_tokens"), ("tool_calls", "tool_use"), ("function_call", "tool_use"),
        ("content_filter", "end_turn"),
    ])
    func finishReasonMapsToStopReason(finishReason: String, stopReason: String) {
        let message = AnthropicResponseTranslator.anthropicResponse(
            fromOpenAI: [
                "id": "msg_keep",
                "choices": [["index": 0, "finish_reason": .string(finishReason), "message": ["role": "assistant", "content": "Hi"]]],
                "usage": ["prompt_tokens": 3, "completion_tokens": 1],
            ], model: "m")
        #expect(message["id"] == "msg_keep")
        #expect(message["stop_reason"] == .string(stopReason))
        #expect(message["content"] == [["type": "text", "text": "Hi"]])
        #expect(message["usage"] == ["input_tokens": 3, "output_tokens": 1])
    }

    @Test func theAnthropicTranslationCarriesCacheWritesBothWays() {
        let anthropic: JSON = ["input_tokens": 10, "output_tokens": 20, "cache_read_input_tokens": 100, "cache_creation_input_tokens": 5]
        let openAI = AnthropicResponseTranslator.openAIUsage(fromAnthropic: anthropic)
        #expect(openAI["prompt_tokens"] == 115)
        #expect(openAI["prompt_tokens_details"]?["cached_tokens"] == 100)
        #expect(openAI["cache_creation_input_tokens"] == 5)
        // A /v1/messages answer translated back keeps Anthropic's cache fields.
        #expect(AnthropicResponseTranslator.anthropicUsage(fromOpenAI: openAI) == anthropic)
        #expect(AnthropicResponseTranslator.anthropicUsage(fromOpenAI: nil) == ["input_tokens": 0, "output_tokens": 0])
    }
}
