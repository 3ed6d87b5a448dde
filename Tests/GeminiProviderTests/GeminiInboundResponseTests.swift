import Testing

@testable import GatewayCore
@testable import GeminiDialect

/// An OpenAI chat answer written as a Gemini `GenerateContentResponse` (``GeminiResponseEncoder``) for a client of
/// `generateContent` whose call was translated.
struct GeminiInboundResponseTests {
    static let completion: JSON = [
        "id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-x",
        "choices": [
            [
                "index": 0, "finish_reason": "tool_calls",
                "message": [
                    "role": "assistant", "content": "Let me check.", "reasoning_content": "The user wants weather.",
                    "tool_calls": [
                        ["id": "call_1", "type": "function", "function": ["name": "get_weather", "arguments": #"{"city":"Paris"}"#]],
                        ["id": "call_2__thought__c2ln", "type": "function", "function": ["name": "now", "arguments": "not json"]],
                    ],
                ],
            ]
        ],
        "usage": [
            "prompt_tokens": 100, "completion_tokens": 40, "total_tokens": 140, "prompt_tokens_details": ["cached_tokens": 60],
            "completion_tokens_details": ["reasoning_tokens": 25],
        ],
    ]

    @Test func partsFinishReasonUsageAndIDs() {
        let response = GeminiResponseEncoder.geminiResponse(fromOpenAI: Self.completion, model: "gw-model", includeThoughts: false)
        #expect(
            response
                == [
                    "candidates": [
                        [
                            "index": 0, "finishReason": "STOP",
                            "content": [
                                "role": "model",
                                "parts": [
                                    ["text": "Let me check."], ["functionCall": ["id": "call_1", "name": "get_weather", "args": ["city": "Paris"]]],
                                    ["functionCall": ["id": "call_2", "name": "now", "args": [:]], "thoughtSignature": "c2ln"],
                                ],
                            ],
                        ]
                    ],
                    "usageMetadata": [
                        "promptTokenCount": 100, "candidatesTokenCount": 15, "thoughtsTokenCount": 25, "cachedContentTokenCount": 60,
                        "totalTokenCount": 140,
                    ],
                    "modelVersion": "gw-model", "responseId": "chatcmpl-1",
                ])
    }

    @Test func reasoningBecomesAThoughtPartWhenTheClientAskedForThoughts() {
        let response = GeminiResponseEncoder.geminiResponse(fromOpenAI: Self.completion, model: "m", includeThoughts: true)
        #expect(response["candidates"]?[0]?["content"]?["parts"]?[0] == ["text": "The user wants weather.", "thought": true])
    }

    @Test func finishReasonsMapAsGeminiNamesThem() {
        #expect(GeminiResponseEncoder.finishReason(fromOpenAI: "stop") == "STOP")
        #expect(GeminiResponseEncoder.finishReason(fromOpenAI: "tool_calls") == "STOP")
        #expect(GeminiResponseEncoder.finishReason(fromOpenAI: "length") == "MAX_TOKENS")
        #expect(GeminiResponseEncoder.finishReason(fromOpenAI: "content_filter") == "SAFETY")
        #expect(GeminiResponseEncoder.finishReason(fromOpenAI: "something_new") == "OTHER")
        #expect(GeminiResponseEncoder.finishReason(fromOpenAI: nil) == nil)
    }

    @Test func usageWithoutDetailsHasNoThoughtOrCacheCounts() {
        let usage = GeminiResponseEncoder.usageMetadata(fromOpenAI: ["prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18])
        #expect(usage == ["promptTokenCount": 11, "candidatesTokenCount": 7, "totalTokenCount": 18])
        #expect(GeminiResponseEncoder.usageMetadata(fromOpenAI: nil) == nil)
    }

    @Test func severalChoicesAreSeveralCandidates() {
        let completion: JSON = [
            "id": "x",
            "choices": [
                ["index": 0, "message": ["role": "assistant", "content": "a"], "finish_reason": "stop"],
                ["index": 1, "message": ["role": "assistant", "content": "b"], "finish_reason": "length"],
            ],
        ]
        let candidates = GeminiResponseEncoder.geminiResponse(fromOpenAI: completion, model: "m", includeThoughts: false)["candidates"]
        #expect(candidates?[1]?["index"] == 1)
        #expect(candidates?[1]?["content"]?["parts"] == [["text": "b"]])
        #expect(candidates?[1]?["finishReason"] == "MAX_TOKENS")
    }

    @Test func logprobsBecomeALogprobsResult() {
        let completion: JSON = [
            "id": "x",
            "choices": [
                [
                    "index": 0, "message": ["role": "assistant", "content": "Hi"], "finish_reason": "stop",
                    "logprobs": [
                        "content": [
                            ["token": "H", "logprob": -0.5, "top_logprobs": [["token": "H", "logprob": -0.5], ["token": "Y", "logprob": -1.5]]],
                            ["token": "i", "logprob": -1.5, "top_logprobs": [["token": "i", "logprob": -1.5]]],
                        ]
                    ],
                ]
            ],
        ]
        let candidate = GeminiResponseEncoder.geminiResponse(fromOpenAI: completion, model: "m", includeThoughts: false)["candidates"]?[0]
        #expect(
            candidate?["logprobsResult"]
                == [
                    "chosenCandidates": [["token": "H", "logProbability": -0.5], ["token": "i", "logProbability": -1.5]],
                    "topCandidates": [
                        ["candidates": [["token": "H", "logProbability": -0.5], ["token": "Y", "logProbability": -1.5]]],
                        ["candidates": [["token": "i", "logProbability": -1.5]]],
                    ],
                ])
        #expect(candidate?["avgLogprobs"] == -1.0)
        let plain = GeminiResponseEncoder.geminiResponse(
            fromOpenAI: ["choices": [["index": 0, "message": ["content": "x"], "logprobs": nil]]], model: "m", includeThoughts: false)
        #expect(plain["candidates"]?[0]?["logprobsResult"] == nil)
    }
}
