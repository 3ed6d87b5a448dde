import Testing

@testable import GatewayCore
@testable import GeminiDialect

/// OpenAI chat chunks written as a Gemini stream (``GeminiStreamEncoder``): text as it comes, function calls whole,
/// the finish reason and usage on the last response.
struct GeminiInboundStreamTests {
    static func chunk(_ delta: JSON, finish: JSON = nil, index: Int = 0) -> JSON {
        ["id": "chatcmpl-9", "object": "chat.completion.chunk", "choices": [["index": .int(index), "delta": delta, "finish_reason": finish]]]
    }

    static let usageChunk: JSON = [
        "id": "chatcmpl-9", "choices": [],
        "usage": ["prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8, "completion_tokens_details": ["reasoning_tokens": 1]],
    ]

    @Test func textStreamsAndTheLastResponseCarriesFinishAndUsage() {
        var encoder = GeminiStreamEncoder(model: "gw", includeThoughts: false)
        var out: [JSON] = []
        for chunk in [
            Self.chunk(["role": "assistant", "content": ""]), Self.chunk(["content": "Hel"]), Self.chunk(["content": "lo"]),
            Self.chunk([:], finish: "stop"), Self.usageChunk,
        ] {
            out += encoder.encode(chunk)
        }
        #expect(out.count == 2)
        #expect(
            out[0] == [
                "candidates": [["content": ["role": "model", "parts": [["text": "Hel"]]], "index": 0]], "modelVersion": "gw",
                "responseId": "chatcmpl-9",
            ])
        let last = encoder.finish()
        #expect(last.count == 1)
        #expect(last[0]["candidates"] == [["content": ["role": "model", "parts": []], "index": 0, "finishReason": "STOP"]])
        #expect(last[0]["usageMetadata"] == ["promptTokenCount": 5, "candidatesTokenCount": 2, "thoughtsTokenCount": 1, "totalTokenCount": 8])
        #expect(encoder.finish().isEmpty)
        #expect(encoder.encode(Self.chunk(["content": "late"])).isEmpty)
    }

    @Test func toolCallsGoOutWholeWithTheFinishReason() {
        var encoder = GeminiStreamEncoder(model: "gw", includeThoughts: false)
        var out: [JSON] = []
        out += encoder.encode(Self.chunk(["tool_calls": [["index": 0, "id": "call_1", "function": ["name": "get_weather", "arguments": ""]]]]))
        out += encoder.encode(Self.chunk(["tool_calls": [["index": 0, "function": ["arguments": #"{"city":"#]]]]))
        out += encoder.encode(Self.chunk(["tool_calls": [["index": 0, "function": ["arguments": #""Paris"}"#]]]]))
        out += encoder.encode(Self.chunk(["tool_calls": [["index": 1, "id": "call_2", "function": ["name": "now", "arguments": "{}"]]]]))
        out += encoder.encode(Self.chunk([:], finish: "tool_calls"))
        #expect(out.isEmpty)
        let last = encoder.finish()
        #expect(
            last[0]["candidates"]?[0]?["content"]?["parts"]
                == [
                    ["functionCall": ["id": "call_1", "name": "get_weather", "args": ["city": "Paris"]]],
                    ["functionCall": ["id": "call_2", "name": "now", "args": [:]]],
                ])
        #expect(last[0]["candidates"]?[0]?["finishReason"] == "STOP")
        #expect(last[0]["usageMetadata"] == nil)
    }

    @Test func aStreamThatEndsWithoutAFinishReasonStillDeliversItsToolCalls() {
        var encoder = GeminiStreamEncoder(model: "gw", includeThoughts: false)
        _ = encoder.encode(Self.chunk(["tool_calls": [["index": 0, "id": "c", "function": ["name": "f", "arguments": #"{"a":1}"#]]]]))
        let last = encoder.finish()
        #expect(last[0]["candidates"]?[0]?["content"]?["parts"] == [["functionCall": ["id": "c", "name": "f", "args": ["a": 1]]]])
        #expect(last[0]["candidates"]?[0]?["finishReason"] == nil)
    }

    @Test func reasoningStreamsAsThoughtPartsOnlyWhenAskedFor() {
        var silent = GeminiStreamEncoder(model: "gw", includeThoughts: false)
        #expect(silent.encode(Self.chunk(["reasoning_content": "hmm"])).isEmpty)
        var thinking = GeminiStreamEncoder(model: "gw", includeThoughts: true)
        let out = thinking.encode(Self.chunk(["reasoning_content": "hmm"]))
        #expect(out.first?["candidates"]?[0]?["content"]?["parts"] == [["text": "hmm", "thought": true]])
    }

    @Test func anEmptyStreamEndsWithNothing() {
        var encoder = GeminiStreamEncoder(model: "gw", includeThoughts: false)
        #expect(encoder.finish().isEmpty)
    }
}
