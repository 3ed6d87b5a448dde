import BedrockProvider
import GatewayCore
import HTTPTypes
import NIOCore
import Testing

/// ConverseStream events → OpenAI chunks, by direct calls: tool calls streamed, reasoning, exceptions.
struct BedrockConverseStreamDecoderTests {
    static func event(_ type: String, _ payload: JSON) -> EventStreamMessage {
        EventStreamMessage(
            headers: [(":event-type", .string(type)), (":message-type", .string("event"))], payload: ByteBuffer(string: payload.serializedString()))
    }

    @Test func toolUseIsStreamedAsToolCallDeltas() throws {
        var decoder = BedrockConverseStreamDecoder(model: "m", id: "chatcmpl-1", deploymentName: "claude-bedrock")
        var chunks: [JSON] = []
        for message in [
            Self.event("messageStart", ["role": "assistant"]),
            Self.event("contentBlockDelta", ["contentBlockIndex": 0, "delta": ["text": "Let me check."]]),
            Self.event("contentBlockStart", ["contentBlockIndex": 1, "start": ["toolUse": ["toolUseId": "tooluse_9", "name": "weather"]]]),
            Self.event("contentBlockDelta", ["contentBlockIndex": 1, "delta": ["toolUse": ["input": #"{"city":"#]]]),
            Self.event("contentBlockDelta", ["contentBlockIndex": 1, "delta": ["toolUse": ["input": #""Paris"}"#]]]),
            Self.event("contentBlockDelta", ["contentBlockIndex": 2, "delta": ["reasoningContent": ["text": "hmm"]]]),
            Self.event("messageStop", ["stopReason": "tool_use"]),
            Self.event("metadata", ["usage": ["inputTokens": 3, "outputTokens": 4, "cacheReadInputTokens": 2]]),
        ] {
            chunks += try decoder.decode(message)
        }
        let deltas = chunks.compactMap { $0["choices"]?[0]?["delta"] }
        #expect(deltas.first == ["role": "assistant", "content": ""])
        let calls = deltas.compactMap { $0["tool_calls"]?[0] }
        #expect(calls.first?["id"] == "tooluse_9")
        #expect(calls.first?["index"] == 0)
        #expect(calls.compactMap { $0["function"]?["arguments"]?.stringValue }.joined() == #"{"city":"Paris"}"#)
        #expect(deltas.contains { $0["reasoning_content"] == "hmm" })
        #expect(chunks.compactMap { $0["choices"]?[0]?["finish_reason"]?.stringValue }.last == "tool_calls")
        #expect(chunks.last?["usage"]?["prompt_tokens"] == 5)
        #expect(chunks.last?["usage"]?["prompt_tokens_details"]?["cached_tokens"] == 2)
        #expect(decoder.finished)
    }

    @Test func exceptionsMapAsWholeCallsDo() throws {
        let cases: [(String, Int, String?)] = [
            ("throttlingException", 429, nil), ("validationException", 400, "upstream_rejected"),
            ("modelStreamErrorException", 502, "upstream_error"),
            ("expiredTokenException", 502, "upstream_auth_error"),
        ]
        for (type, status, code) in cases {
            var decoder = BedrockConverseStreamDecoder(model: "m", id: "c", deploymentName: "claude-bedrock")
            let message = EventStreamMessage(
                headers: [(":exception-type", .string(type)), (":message-type", .string("exception"))],
                payload: ByteBuffer(string: #"{"message":"details"}"#))
            let error = try #require(throws: GatewayError.self) { try decoder.decode(message) }
            #expect(error.status.code == status, "\(type)")
            if let code { #expect(error.code == code, "\(type)") }
            #expect(error.message.contains("claude-bedrock"))
        }
    }
}
