import Testing

@testable import AnthropicMessagesDialect
@testable import GatewayCore

struct AnthropicStreamEncoderTests {
    private func chunk(_ delta: JSON, finishReason: JSON = .null) -> JSON {
        [
            "id": "chatcmpl-7", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o",
            "choices": [["index": 0, "delta": delta, "finish_reason": finishReason]],
        ]
    }

    /// Each event's name, and its data parsed; the data's `type` must equal the name.
    private func decoded(_ events: [ServerSentEvent]) throws -> [JSON] {
        try events.map { event in
            let data = try JSONParser.parse(event.data)
            #expect(data["type"]?.stringValue == event.event)
            return data
        }
    }

    @Test func textThenToolCallThenFinishThenUsage() throws {
        var encoder = AnthropicStreamEncoder(model: "gpt-4o-alias")
        var events: [ServerSentEvent] = []
        events += encoder.encode(chunk(["role": "assistant", "content": ""]))
        events += encoder.encode(chunk(["content": "Let me "]))
        events += encoder.encode(chunk(["content": "check."]))
        events += encoder.encode(
            chunk(["tool_calls": [["index": 0, "id": "call_1", "type": "function", "function": ["name": "weather", "arguments": ""]]]]))
        events += encoder.encode(chunk(["tool_calls": [["index": 0, "function": ["arguments": "{\"city\":"]]]]))
        events += encoder.encode(chunk(["tool_calls": [["index": 0, "function": ["arguments": "\"Oslo\"}"]]]]))
        events += encoder.encode(
            chunk(["tool_calls": [["index": 1, "id": "call_2", "type": "function", "function": ["name": "time", "arguments": "{}"]]]]))
        events += encoder.encode(chunk([:], finishReason: "tool_calls"))
        events += encoder.encode([
            "id": "chatcmpl-7", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o", "choices": [],
            "usage": ["prompt_tokens": 12, "completion_tokens": 30, "total_tokens": 42],
        ])
        events += encoder.finish()
        #expect(encoder.finish().isEmpty)

        let data = try decoded(events)
        #expect(
            events.map(\.event) == [
                "message_start",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop",
            ])
        #expect(
            data[0]["message"] == [
                "id": "msg_chatcmpl-7", "type": "message", "role": "assistant", "content": [], "model": "gpt-4o-alias",
                "stop_reason": nil, "stop_sequence": nil, "usage": ["input_tokens": 0, "output_tokens": 0],
            ])
        #expect(data[1] == ["type": "content_block_start", "index": 0, "content_block": ["type": "text", "text": ""]])
        #expect(data[2] == ["type": "content_block_delta", "index": 0, "delta": ["type": "text_delta", "text": "Let me "]])
        #expect(data[3]["delta"]?["text"] == "check.")
        #expect(data[4] == ["type": "content_block_stop", "index": 0])
        #expect(
            data[5] == [
                "type": "content_block_start", "index": 1,
                "content_block": ["type": "tool_use", "id": "call_1", "name": "weather", "input": [:]],
            ])
        #expect(data[6] == ["type": "content_block_delta", "index": 1, "delta": ["type": "input_json_delta", "partial_json": "{\"city\":"]])
        #expect(data[7]["delta"]?["partial_json"] == "\"Oslo\"}")
        #expect(data[8] == ["type": "content_block_stop", "index": 1])
        #expect(data[9]["index"] == 2)
        #expect(data[9]["content_block"]?["id"] == "call_2")
        #expect(data[9]["content_block"]?["name"] == "time")
        #expect(data[10] == ["type": "content_block_delta", "index": 2, "delta": ["type": "input_json_delta", "partial_json": "{}"]])
        #expect(data[11] == ["type": "content_block_stop", "index": 2])
        #expect(
            data[12] == [
                "type": "message_delta", "delta": ["stop_reason": "tool_use", "stop_sequence": nil],
                "usage": ["input_tokens": 12, "output_tokens": 30],
            ])
        #expect(data[13] == ["type": "message_stop"])
        // The wire form is what an SSE client reads back.
        var parser = SSEParser()
        #expect(parser.feed(bytes: Array(events.map(\.encoded).joined().utf8)) == events)
    }

    @Test func usageBeforeFinishReasonAndPlainStop() throws {
        var encoder = AnthropicStreamEncoder(model: "m")
        var events = encoder.encode(chunk(["content": "Hi"]))
        events += encoder.encode([
            "id": "chatcmpl-7", "choices": [], "usage": ["prompt_tokens": 5, "completion_tokens": 1, "prompt_tokens_details": ["cached_tokens": 2]],
        ])
        events += encoder.encode(chunk([:], finishReason: "length"))
        events += encoder.finish()
        let data = try decoded(events)
        #expect(
            events.map(\.event) == [
                "message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop",
            ])
        #expect(data[4]["delta"]?["stop_reason"] == "max_tokens")
        #expect(data[4]["usage"] == ["input_tokens": 3, "output_tokens": 1, "cache_read_input_tokens": 2])
        #expect(encoder.encode(chunk(["content": "late"])).isEmpty)
    }

    @Test func finishWithoutChunksStillFramesAMessage() throws {
        var encoder = AnthropicStreamEncoder(model: "m")
        let events = encoder.finish()
        let data = try decoded(events)
        #expect(events.map(\.event) == ["message_start", "message_delta", "message_stop"])
        #expect(data[0]["message"]?["model"] == "m")
        #expect(data[1]["delta"]?["stop_reason"] == "end_turn")
        #expect(data[1]["usage"] == ["output_tokens": 0])
    }

    @Test func decoderAndEncoderRoundTripText() throws {
        var encoder = AnthropicStreamEncoder(model: "m")
        var events = encoder.encode(chunk(["role": "assistant", "content": "Bonjour"]))
        events += encoder.encode(chunk([:], finishReason: "stop"))
        events += encoder.finish()
        var decoder = AnthropicStreamDecoder(model: "m")
        let chunks = try events.flatMap { try decoder.decode($0) }
        let text = chunks.compactMap { $0["choices"]?[0]?["delta"]?["content"]?.stringValue }.joined()
        #expect(text == "Bonjour")
        #expect(chunks.contains { $0["choices"]?[0]?["finish_reason"] == "stop" })
    }
}
