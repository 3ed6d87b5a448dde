import GatewayCore
import GeminiDialect
import HTTPTypes
import Testing

/// `streamGenerateContent?alt=sse` events → OpenAI chunks, the end of a stream, errors inside it.
struct GeminiStreamDecoderTests {
    static func event(_ json: JSON) -> ServerSentEvent { ServerSentEvent(event: nil, data: json.serializedString()) }

    @Test func eventsBecomeChunksAndTheLastGivesFinishAndUsage() throws {
        var decoder = GeminiStreamDecoder(model: "gemini-2.5-flash", id: "chatcmpl-1", deploymentName: "gem")
        var chunks = try decoder.decode(Self.event(["candidates": [["content": ["role": "model", "parts": [["text": "hm", "thought": true]]]]]]))
        chunks += try decoder.decode(Self.event(["candidates": [["content": ["role": "model", "parts": [["text": "Hello"]]]]]]))
        #expect(!decoder.finished)
        #expect(throws: GatewayError.self) { try decoder.finish() }
        chunks += try decoder.decode(
            Self.event([
                "candidates": [
                    [
                        "content": ["role": "model", "parts": [["functionCall": ["name": "f", "args": ["a": 1]]]]], "finishReason": "STOP",
                    ]
                ],
                "usageMetadata": ["promptTokenCount": 5, "candidatesTokenCount": 3, "thoughtsTokenCount": 2],
            ]))
        // A usage-only event after the finish reason updates the counts (each event's are the stream's so far).
        chunks += try decoder.decode(Self.event(["usageMetadata": ["promptTokenCount": 5, "candidatesTokenCount": 4, "thoughtsTokenCount": 2]]))
        #expect(decoder.finished)
        chunks += try decoder.finish()
        let deltas = chunks.compactMap { $0["choices"]?[0]?["delta"] }
        #expect(deltas[0] == ["role": "assistant", "content": ""])
        #expect(deltas[1] == ["reasoning_content": "hm"])
        #expect(deltas[2] == ["content": "Hello"])
        #expect(deltas[3]["tool_calls"]?[0]?["index"] == 0)
        #expect(deltas[3]["tool_calls"]?[0]?["function"] == ["name": "f", "arguments": "{\"a\":1}"])
        #expect(chunks[chunks.count - 2]["choices"]?[0]?["finish_reason"] == "tool_calls")
        #expect(chunks.last?["choices"] == [])
        #expect(chunks.last?["usage"]?["completion_tokens"] == 6)
        #expect(chunks.last?["usage"]?["completion_tokens_details"]?["reasoning_tokens"] == 2)
        #expect(chunks.allSatisfy { $0["id"] == "chatcmpl-1" && $0["object"] == "chat.completion.chunk" })
    }

    @Test func aBlockedPromptEndsTheStreamWithContentFilter() throws {
        var decoder = GeminiStreamDecoder(model: "m", id: "c", deploymentName: "gem")
        let chunks = try decoder.decode(
            Self.event(["promptFeedback": ["blockReason": "PROHIBITED_CONTENT"], "usageMetadata": ["promptTokenCount": 4]]))
        #expect(chunks.contains { $0["choices"]?[0]?["finish_reason"] == "content_filter" })
        #expect(try decoder.finish().last?["usage"]?["prompt_tokens"] == 4)
        var silent = GeminiStreamDecoder(model: "m", id: "c", deploymentName: "gem")
        _ = try silent.decode(Self.event(["candidates": [["content": ["role": "model", "parts": [["text": "x"]]], "finishReason": "STOP"]]]))
        #expect(try silent.finish().isEmpty, "no usage reported: none made up, the gateway estimates")
    }

    @Test func anErrorInTheStreamAndDataThatIsNotJSONAreClearErrors() throws {
        var decoder = GeminiStreamDecoder(model: "m", id: "c", deploymentName: "gem")
        let quota = try #require(throws: GatewayError.self) {
            try decoder.decode(Self.event(["error": ["code": 429, "message": "Quota exceeded", "status": "RESOURCE_EXHAUSTED"]]))
        }
        #expect(quota.status.code == 429)
        #expect(quota.message.contains("Quota exceeded"))
        let broken = try #require(throws: GatewayError.self) { try decoder.decode(ServerSentEvent(event: nil, data: "{not json")) }
        #expect(broken.code == "upstream_invalid_response")
    }
}
