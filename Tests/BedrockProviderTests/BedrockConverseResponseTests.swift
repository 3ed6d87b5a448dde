import BedrockProvider
import GatewayCore
import Testing

/// Converse → OpenAI chat, by direct calls: stop reasons, reasoning, usage with the prompt cache.
struct BedrockConverseResponseTests {
    @Test(arguments: [
        ("end_turn", "stop"), ("stop_sequence", "stop"), ("tool_use", "tool_calls"), ("max_tokens", "length"),
        ("guardrail_intervened", "content_filter"), ("content_filtered", "content_filter"), ("something_new", "stop"),
    ])
    func stopReasonsMap(_ stopReason: String, _ finishReason: String) {
        #expect(BedrockConverseResponse.finishReason(stopReason) == finishReason)
    }

    @Test func reasoningTextAndCacheUsage() {
        let response: JSON = [
            "output": [
                "message": [
                    "role": "assistant",
                    "content": [["reasoningContent": ["reasoningText": ["text": "Thinking.", "signature": "sig"]]], ["text": "Answer."]],
                ]
            ],
            "stopReason": "max_tokens",
            "usage": ["inputTokens": 10, "outputTokens": 20, "cacheReadInputTokens": 100, "cacheWriteInputTokens": 50, "totalTokens": 180],
        ]
        let completion = BedrockConverseResponse.openAIResponse(fromConverse: response, model: "m", id: "chatcmpl-1")
        #expect(completion["choices"]?[0]?["message"]?["content"] == "Answer.")
        #expect(completion["choices"]?[0]?["message"]?["reasoning_content"] == "Thinking.")
        #expect(completion["choices"]?[0]?["finish_reason"] == "length")
        #expect(completion["usage"]?["prompt_tokens"] == 160)
        #expect(completion["usage"]?["total_tokens"] == 180)
        #expect(completion["usage"]?["prompt_tokens_details"]?["cached_tokens"] == 100)
        #expect(completion["usage"]?["cache_creation_input_tokens"] == 50)
        #expect(completion["id"] == "chatcmpl-1")
    }

    @Test func outOfRangeCountsAreClamped() {
        let usage = BedrockConverseResponse.usage(["inputTokens": -5, "outputTokens": "many", "cacheReadInputTokens": .int(Int.max)])
        #expect(usage.completionTokens == 0)
        #expect(usage.promptTokens >= usage.cachedReadTokens)
    }
}
