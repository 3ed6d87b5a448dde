import GatewayCore
import OpenAIResponsesDialect
import Testing

/// Chat completion → Responses object.
struct ResponseTranslationTests {
    static let request: JSON = ["model": "gpt-test", "input": "hi", "instructions": "be brief", "metadata": ["a": "b"]]
    static let skeleton = ResponsesResponseTranslator.skeleton(id: "resp_1", createdAt: 1_700_000_000, request: request, stored: true)

    private func completion(message: JSON, finish: String = "stop", usage: JSON? = nil) -> JSON {
        var completion: JSON = [
            "id": "chatcmpl-1", "object": "chat.completion", "choices": [["index": 0, "message": message, "finish_reason": .string(finish)]],
        ]
        if let usage { completion["usage"] = usage }
        return completion
    }

    @Test func skeletonEchoesTheRequest() {
        let skeleton = Self.skeleton
        #expect(skeleton["id"] == "resp_1")
        #expect(skeleton["object"] == "response")
        #expect(skeleton["created_at"] == 1_700_000_000)
        #expect(skeleton["status"] == "in_progress")
        #expect(skeleton["model"] == "gpt-test")
        #expect(skeleton["instructions"] == "be brief")
        #expect(skeleton["metadata"] == ["a": "b"])
        #expect(skeleton["store"] == true)
        #expect(skeleton["tools"] == [])
        #expect(skeleton["tool_choice"] == "auto")
        #expect(skeleton["parallel_tool_calls"] == true)
        #expect(skeleton["output"] == [])
    }

    @Test func textBecomesAMessageItemWithOutputText() {
        let response = ResponsesResponseTranslator.response(
            fromChat: completion(message: ["role": "assistant", "content": "hello"]), skeleton: Self.skeleton)
        #expect(response["status"] == "completed")
        let output = response["output"]?.arrayValue ?? []
        #expect(output.count == 1)
        #expect(output.first?["type"] == "message")
        #expect(output.first?["role"] == "assistant")
        #expect(output.first?["status"] == "completed")
        #expect(output.first?["id"]?.stringValue?.hasPrefix("msg_") == true)
        #expect(output.first?["content"]?[0]?["type"] == "output_text")
        #expect(output.first?["content"]?[0]?["text"] == "hello")
        #expect(output.first?["content"]?[0]?["annotations"] == [])
        #expect(response["incomplete_details"] == .null)
    }

    @Test func toolCallsBecomeFunctionCallItems() {
        let calls: JSON = [
            ["id": "call_1", "type": "function", "function": ["name": "get_weather", "arguments": #"{"city":"Paris"}"#]],
            ["id": "call_2", "type": "function", "function": ["name": "get_time", "arguments": "{}"]],
        ]
        let response = ResponsesResponseTranslator.response(
            fromChat: completion(message: ["role": "assistant", "content": nil, "tool_calls": calls], finish: "tool_calls"), skeleton: Self.skeleton)
        let output = response["output"]?.arrayValue ?? []
        #expect(output.count == 2, "no empty message beside tool calls")
        #expect(output[0]["type"] == "function_call")
        #expect(output[0]["call_id"] == "call_1")
        #expect(output[0]["name"] == "get_weather")
        #expect(output[0]["arguments"] == #"{"city":"Paris"}"#)
        #expect(output[0]["status"] == "completed")
        #expect(output[0]["id"]?.stringValue?.hasPrefix("fc_") == true)
        #expect(output[1]["call_id"] == "call_2")
        #expect(response["status"] == "completed")
    }

    @Test func reasoningContentBecomesAReasoningItemWithASummary() {
        let response = ResponsesResponseTranslator.response(
            fromChat: completion(message: ["role": "assistant", "content": "42", "reasoning_content": "think think"]), skeleton: Self.skeleton)
        let output = response["output"]?.arrayValue ?? []
        #expect(output.count == 2)
        #expect(output[0]["type"] == "reasoning")
        #expect(output[0]["summary"] == [["type": "summary_text", "text": "think think"]])
        #expect(output[1]["type"] == "message")
    }

    @Test func usageIsRenamedWithDetails() {
        let usage: JSON = [
            "prompt_tokens": 10, "completion_tokens": 7, "total_tokens": 17, "prompt_tokens_details": ["cached_tokens": 4],
            "completion_tokens_details": ["reasoning_tokens": 3],
        ]
        let response = ResponsesResponseTranslator.response(
            fromChat: completion(message: ["role": "assistant", "content": "x"], usage: usage), skeleton: Self.skeleton)
        #expect(response["usage"]?["input_tokens"] == 10)
        #expect(response["usage"]?["output_tokens"] == 7)
        #expect(response["usage"]?["total_tokens"] == 17)
        #expect(response["usage"]?["input_tokens_details"]?["cached_tokens"] == 4)
        #expect(response["usage"]?["output_tokens_details"]?["reasoning_tokens"] == 3)
    }

    @Test func lengthFinishIsIncompleteForMaxOutputTokens() {
        let response = ResponsesResponseTranslator.response(
            fromChat: completion(message: ["role": "assistant", "content": "trunc"], finish: "length"), skeleton: Self.skeleton)
        #expect(response["status"] == "incomplete")
        #expect(response["incomplete_details"] == ["reason": "max_output_tokens"])
    }

    @Test func contentFilterFinishIsIncomplete() {
        let response = ResponsesResponseTranslator.response(
            fromChat: completion(message: ["role": "assistant", "content": ""], finish: "content_filter"), skeleton: Self.skeleton)
        #expect(response["incomplete_details"] == ["reason": "content_filter"])
    }

    @Test func refusalBecomesARefusalPart() {
        let response = ResponsesResponseTranslator.response(
            fromChat: completion(message: ["role": "assistant", "content": nil, "refusal": "no"]), skeleton: Self.skeleton)
        #expect(response["output"]?[0]?["content"] == [["type": "refusal", "refusal": "no"]])
    }

    @Test func outputItemsTranslateBackIntoChatHistory() throws {
        let calls: JSON = [["id": "call_1", "type": "function", "function": ["name": "f", "arguments": "{}"]]]
        let response = ResponsesResponseTranslator.response(
            fromChat: completion(message: ["role": "assistant", "content": "let me check", "tool_calls": calls]), skeleton: Self.skeleton)
        let history = try #require(response["output"]?.arrayValue)
        let messages = try ResponsesRequestTranslator.translate(
            ["model": "m", "input": [["type": "function_call_output", "call_id": "call_1", "output": "done"]]], history: history
        ).chat["messages"]
        #expect(
            messages
                == [
                    ["role": "assistant", "content": "let me check", "tool_calls": calls],
                    ["role": "tool", "tool_call_id": "call_1", "content": "done"],
                ])
    }
}
