import GatewayCore
import GeminiDialect
import Testing

/// Gemini `GenerateContentResponse` → OpenAI `chat.completion`: parts, finish reasons, a blocked prompt, usage.
struct GeminiResponseTranslatorTests {
    static let usage: JSON = [
        "promptTokenCount": 100, "candidatesTokenCount": 20, "thoughtsTokenCount": 30, "cachedContentTokenCount": 60, "totalTokenCount": 150,
    ]

    @Test func textThoughtsAndFunctionCallsBecomeOneMessage() throws {
        let answer: JSON = [
            "candidates": [
                [
                    "content": [
                        "role": "model",
                        "parts": [
                            ["text": "Thinking hard.", "thought": true], ["text": "Here"], ["text": " it is."],
                            ["functionCall": ["name": "get_weather", "args": ["city": "Paris"]], "thoughtSignature": "sig"],
                        ],
                    ],
                    "finishReason": "STOP", "index": 0,
                ]
            ],
            "usageMetadata": Self.usage, "responseId": "resp-1",
        ]
        let completion = GeminiResponseTranslator.openAIResponse(fromGemini: answer, model: "gemini-2.5-flash", id: "chatcmpl-x")
        let message = completion["choices"]?[0]?["message"]
        #expect(message?["content"] == "Here it is.")
        #expect(message?["reasoning_content"] == "Thinking hard.")
        let call = try #require(message?["tool_calls"]?[0])
        #expect(call["function"] == ["name": "get_weather", "arguments": "{\"city\":\"Paris\"}"])
        #expect(call["index"] == nil)
        let id = try #require(call["id"]?.stringValue)
        #expect(id.hasPrefix("call_") && GeminiToolCallID.signature(in: id) == "sig")
        #expect(completion["choices"]?[0]?["finish_reason"] == "tool_calls")
        #expect(completion["id"] == "resp-1")
        #expect(
            completion["usage"] == [
                "prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150, "prompt_tokens_details": ["cached_tokens": 60],
                "completion_tokens_details": ["reasoning_tokens": 30],
            ])
    }

    @Test(arguments: [
        ("STOP", "stop"), ("MAX_TOKENS", "length"), ("SAFETY", "content_filter"), ("RECITATION", "content_filter"),
        ("BLOCKLIST", "content_filter"), ("PROHIBITED_CONTENT", "content_filter"), ("SPII", "content_filter"), ("OTHER", "stop"),
        ("MALFORMED_FUNCTION_CALL", "stop"),
    ])
    func finishReasons(gemini: String, openAI: String) {
        let answer: JSON = ["candidates": [["content": ["role": "model", "parts": [["text": "x"]]], "finishReason": .string(gemini)]]]
        let completion = GeminiResponseTranslator.openAIResponse(fromGemini: answer, model: "m", id: "c")
        #expect(completion["choices"]?[0]?["finish_reason"] == .string(openAI))
    }

    @Test func aBlockedPromptIsAContentFilterAnswer() {
        let answer: JSON = ["promptFeedback": ["blockReason": "SAFETY"], "usageMetadata": ["promptTokenCount": 8, "totalTokenCount": 8]]
        let completion = GeminiResponseTranslator.openAIResponse(fromGemini: answer, model: "m", id: "chatcmpl-1")
        #expect(completion["choices"]?[0]?["finish_reason"] == "content_filter")
        #expect(completion["choices"]?[0]?["message"]?["content"] == .null)
        #expect(completion["usage"]?["prompt_tokens"] == 8)
        #expect(completion["id"] == "chatcmpl-1")
    }

    @Test func severalCandidatesAreSeveralChoices() {
        let answer: JSON = [
            "candidates": [
                ["content": ["role": "model", "parts": [["text": "a"]]], "finishReason": "STOP", "index": 0],
                ["content": ["role": "model", "parts": [["text": "b"]]], "finishReason": "MAX_TOKENS", "index": 1],
            ]
        ]
        let choices = GeminiResponseTranslator.openAIResponse(fromGemini: answer, model: "m", id: "c")["choices"]
        #expect(choices?[1]?["message"]?["content"] == "b")
        #expect(choices?[1]?["finish_reason"] == "length")
    }

    @Test func usageCountsThoughtsAsOutputAndCachedContentAsCachedInput() throws {
        let usage = try #require(Usage(gemini: Self.usage))
        #expect(usage == Usage(promptTokens: 100, completionTokens: 50, cachedReadTokens: 60, reasoningTokens: 30))
        #expect(Usage(gemini: nil) == nil)
        // Counts from the upstream are clamped, never trapped on.
        let huge = try #require(Usage(gemini: ["promptTokenCount": 1e300, "candidatesTokenCount": -5, "thoughtsTokenCount": "x"]))
        #expect(huge.completionTokens == 0 && huge.promptTokens == InputRange.maxTokens)
    }
}
