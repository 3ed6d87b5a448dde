import GatewayCore
import HTTPTypes
import Testing

@testable import CohereProvider

/// ``CohereChatResponse`` and ``CohereStreamDecoder``: v2 answers and stream events as OpenAI's.
struct CohereAnswerTests {
    static let usage: JSON = ["billed_units": ["input_tokens": 12, "output_tokens": 5], "tokens": ["input_tokens": 300, "output_tokens": 5]]

    @Test func textAnswerWithBilledUsage() throws {
        let answer = try CohereChatResponse.openAIResponse(
            fromCohere: [
                "id": "c-1", "finish_reason": "COMPLETE",
                "message": ["role": "assistant", "content": [["type": "thinking", "thinking": "hmm"], ["type": "text", "text": "Hello"]]],
                "usage": Self.usage,
            ], model: "command-a", deploymentName: "cmd")
        #expect(answer["id"] == "c-1")
        #expect(answer["choices"]?[0]?["message"]?["content"] == "Hello")
        #expect(answer["choices"]?[0]?["message"]?["reasoning_content"] == "hmm")
        #expect(answer["choices"]?[0]?["finish_reason"] == "stop")
        // Billed units are what Cohere charges; the raw token counts are larger.
        #expect(answer["usage"]?["prompt_tokens"] == 12)
        #expect(answer["usage"]?["completion_tokens"] == 5)
    }

    @Test func toolCallAnswerCarriesThePlanAsContent() throws {
        let answer = try CohereChatResponse.openAIResponse(
            fromCohere: [
                "id": "c-2", "finish_reason": "TOOL_CALL",
                "message": [
                    "role": "assistant", "tool_plan": "I will check.",
                    "tool_calls": [["id": "call_9", "type": "function", "function": ["name": "get_weather", "arguments": "{\"city\":\"Paris\"}"]]],
                ],
                "usage": ["tokens": ["input_tokens": 4, "output_tokens": 3]],
            ], model: "command-a", deploymentName: "cmd")
        let message = try #require(answer["choices"]?[0]?["message"])
        #expect(message["content"] == "I will check.")
        #expect(message["tool_calls"]?[0]?["id"] == "call_9")
        #expect(message["tool_calls"]?[0]?["function"]?["arguments"] == "{\"city\":\"Paris\"}")
        #expect(answer["choices"]?[0]?["finish_reason"] == "tool_calls")
        // Without billed units, the token counts.
        #expect(answer["usage"]?["prompt_tokens"] == 4)
    }

    @Test func finishReasons() throws {
        #expect(try CohereChatResponse.finishReason("COMPLETE", error: nil, deploymentName: "d") == "stop")
        #expect(try CohereChatResponse.finishReason("STOP_SEQUENCE", error: nil, deploymentName: "d") == "stop")
        #expect(try CohereChatResponse.finishReason("MAX_TOKENS", error: nil, deploymentName: "d") == "length")
        #expect(try CohereChatResponse.finishReason("TOOL_CALL", error: nil, deploymentName: "d") == "tool_calls")
        #expect(try CohereChatResponse.finishReason(nil, error: nil, deploymentName: "d") == "stop")
        do {
            _ = try CohereChatResponse.finishReason("ERROR", error: "boom", deploymentName: "d")
            Issue.record("ERROR was not an error")
        } catch let error as GatewayError {
            #expect(error.status == .badGateway)
            #expect(error.message.contains("boom"))
        }
        do {
            _ = try CohereChatResponse.finishReason("TIMEOUT", error: nil, deploymentName: "d")
            Issue.record("TIMEOUT was not an error")
        } catch let error as GatewayError {
            #expect(error.status == .gatewayTimeout)
        }
        #expect(throws: GatewayError.self) { try CohereChatResponse.openAIResponse(fromCohere: ["message": "x"], model: "m", deploymentName: "d") }
    }

    @Test func streamEventsBecomeChunks() throws {
        var decoder = CohereStreamDecoder(model: "command-a", id: "chatcmpl-x", deploymentName: "cmd")
        let events: [JSON] = [
            ["type": "message-start", "id": "c-3", "delta": ["message": ["role": "assistant"]]],
            ["type": "content-start", "index": 0, "delta": ["message": ["content": ["type": "text", "text": ""]]]],
            ["type": "content-delta", "index": 0, "delta": ["message": ["content": ["text": "Hel"]]]],
            ["type": "content-delta", "index": 0, "delta": ["message": ["content": ["text": "lo"]]]],
            ["type": "content-end", "index": 0],
            ["type": "tool-plan-delta", "delta": ["message": ["tool_plan": "Plan."]]],
            [
                "type": "tool-call-start", "index": 0,
                "delta": ["message": ["tool_calls": ["id": "call_1", "type": "function", "function": ["name": "f", "arguments": ""]]]],
            ],
            ["type": "tool-call-delta", "index": 0, "delta": ["message": ["tool_calls": ["function": ["arguments": "{\"a\":"]]]]],
            ["type": "tool-call-delta", "index": 0, "delta": ["message": ["tool_calls": ["function": ["arguments": "1}"]]]]],
            ["type": "tool-call-end", "index": 0],
            ["type": "message-end", "delta": ["finish_reason": "TOOL_CALL", "usage": Self.usage]],
        ]
        var chunks: [JSON] = []
        for event in events { chunks += try decoder.decode(event.serializedString()) }
        #expect(decoder.finished)
        #expect(chunks.allSatisfy { $0["id"] == "c-3" && $0["object"] == "chat.completion.chunk" })
        let deltas = chunks.compactMap { $0["choices"]?[0]?["delta"] }
        #expect(deltas.first?["role"] == "assistant")
        #expect(deltas.compactMap { $0["content"]?.stringValue }.joined() == "HelloPlan.")
        let calls = deltas.compactMap { $0["tool_calls"]?[0] }
        #expect(calls.first?["id"] == "call_1")
        #expect(calls.first?["function"]?["name"] == "f")
        #expect(calls.compactMap { $0["function"]?["arguments"]?.stringValue }.joined() == "{\"a\":1}")
        #expect(calls.allSatisfy { $0["index"] == 0 })
        #expect(chunks[chunks.count - 2]["choices"]?[0]?["finish_reason"] == "tool_calls")
        #expect(chunks.last?["choices"] == [])
        #expect(chunks.last?["usage"]?["prompt_tokens"] == 12)
    }

    @Test func streamErrorsAndBadEvents() throws {
        var decoder = CohereStreamDecoder(model: "m", id: "x", deploymentName: "cmd")
        #expect(throws: GatewayError.self) { try decoder.decode("not json") }
        do {
            _ = try decoder.decode(#"{"type":"message-end","delta":{"finish_reason":"ERROR","error":"overloaded"}}"#)
            Issue.record("ERROR was not an error")
        } catch let error as GatewayError {
            #expect(error.status == .badGateway)
            #expect(error.message.contains("overloaded"))
        }
        // Events without chunk content pass quietly.
        #expect(try decoder.decode(#"{"type":"citation-start","index":0}"#).isEmpty)
    }
}
