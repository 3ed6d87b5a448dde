import Testing

@testable import AnthropicMessagesDialect
@testable import GatewayCore

struct AnthropicStreamDecoderTests {
    /// A recorded-shape Anthropic stream: text, then a tool_use block whose input arrives in fragments.
    private static let wire = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_stream","type":"message","role":"assistant","content":[],\
        "model":"claude-sonnet-4-5","stop_reason":null,"stop_sequence":null,\
        "usage":{"input_tokens":25,"cache_read_input_tokens":10,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: ping
        data: {"type": "ping"}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" world"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_9","name":"weather","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\": "}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\\"Paris\\"}"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":1}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":42}}

        event: message_stop
        data: {"type":"message_stop"}


        """

    @Test func fullStreamDecodesToOpenAIChunks() throws {
        var parser = SSEParser()
        let events = parser.feed(bytes: Array(Self.wire.utf8))
        #expect(events.count == 13)
        var decoder = AnthropicStreamDecoder(model: "claude-alias")
        var chunks: [JSON] = []
        for event in events { chunks += try decoder.decode(event) }

        #expect(chunks.count == 8)
        for chunk in chunks {
            #expect(chunk["id"] == "msg_stream")
            #expect(chunk["object"] == "chat.completion.chunk")
            #expect(chunk["model"] == "claude-alias")
            #expect((chunk["created"]?.intValue ?? 0) > 1_700_000_000)
        }
        let deltas = chunks.dropLast().map { $0["choices"]?[0]?["delta"] }
        #expect(deltas[0] == ["role": "assistant", "content": ""])
        #expect(deltas[1] == ["content": "Hello"])
        #expect(deltas[2] == ["content": " world"])
        #expect(
            deltas[3] == [
                "tool_calls": [["index": 0, "id": "toolu_9", "type": "function", "function": ["name": "weather", "arguments": ""]]]
            ])
        #expect(deltas[4] == ["tool_calls": [["index": 0, "function": ["arguments": "{\"city\": "]]]])
        #expect(deltas[5] == ["tool_calls": [["index": 0, "function": ["arguments": "\"Paris\"}"]]]])
        #expect(deltas[6] == [:])
        for chunk in chunks.prefix(6) { #expect(chunk["choices"]?[0]?["finish_reason"]?.isNull == true) }
        #expect(chunks[6]["choices"]?[0]?["finish_reason"] == "tool_calls")
        #expect(chunks[7]["choices"] == [])
        #expect(
            chunks[7]["usage"] == ["prompt_tokens": 35, "completion_tokens": 42, "total_tokens": 77, "prompt_tokens_details": ["cached_tokens": 10]])

        // The usage chunk reads as the gateway's Usage.
        #expect(StreamChunk(json: chunks[7]).usage == Usage(promptTokens: 35, completionTokens: 42, cachedReadTokens: 10))
        // Arguments concatenate into the tool's input.
        let arguments = deltas[4...5].compactMap { $0?["tool_calls"]?[0]?["function"]?["arguments"]?.stringValue }.joined()
        #expect(try JSONParser.parse(arguments) == ["city": "Paris"])
    }

    @Test func toolIndexCountsToolBlocksOnly() throws {
        var decoder = AnthropicStreamDecoder(model: "m")
        _ = try decoder.decode(
            ServerSentEvent(event: "message_start", data: #"{"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":1}}}"#))
        let second = try decoder.decode(
            ServerSentEvent(
                event: "content_block_start",
                data: #"{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_b","name":"g","input":{}}}"#))
        let fragment = try decoder.decode(
            ServerSentEvent(
                event: "content_block_delta",
                data: #"{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{}"}}"#))
        #expect(second[0]["choices"]?[0]?["delta"]?["tool_calls"]?[0]?["index"] == 0)
        #expect(fragment[0]["choices"]?[0]?["delta"]?["tool_calls"]?[0]?["index"] == 0)
    }

    @Test func thinkingBlocksComeWholeWithTheirSignatureAtTheirStop() throws {
        var decoder = AnthropicStreamDecoder(model: "claude")
        let events = [
            ServerSentEvent(event: "content_block_start", data: #"{"index":0,"content_block":{"type":"thinking","thinking":""}}"#),
            ServerSentEvent(event: "content_block_delta", data: #"{"index":0,"delta":{"type":"thinking_delta","thinking":"Let me "}}"#),
            ServerSentEvent(event: "content_block_delta", data: #"{"index":0,"delta":{"type":"thinking_delta","thinking":"think."}}"#),
            ServerSentEvent(event: "content_block_delta", data: #"{"index":0,"delta":{"type":"signature_delta","signature":"sig-1"}}"#),
            ServerSentEvent(event: "content_block_stop", data: #"{"index":0}"#),
            ServerSentEvent(event: "content_block_start", data: #"{"index":1,"content_block":{"type":"redacted_thinking","data":"opaque"}}"#),
            ServerSentEvent(event: "content_block_stop", data: #"{"index":1}"#),
            ServerSentEvent(event: "content_block_start", data: #"{"index":2,"content_block":{"type":"text","text":""}}"#),
            ServerSentEvent(event: "content_block_stop", data: #"{"index":2}"#),
        ]
        var deltas: [JSON] = []
        for event in events { deltas += try decoder.decode(event).compactMap { $0["choices"]?[0]?["delta"] } }
        #expect(deltas.compactMap { $0["reasoning_content"]?.stringValue } == ["Let me ", "think."])
        #expect(
            deltas.compactMap { $0["thinking_blocks"]?[0] } == [
                ["type": "thinking", "thinking": "Let me think.", "signature": "sig-1"], ["type": "redacted_thinking", "data": "opaque"],
            ])
    }

    @Test func finishReasonsMap() throws {
        for (stop, finish) in [("end_turn", "stop"), ("max_tokens", "length"), ("stop_sequence", "stop")] {
            var decoder = AnthropicStreamDecoder(model: "m")
            let chunks = try decoder.decode(
                ServerSentEvent(
                    event: "message_delta", data: #"{"type":"message_delta","delta":{"stop_reason":"\#(stop)"},"usage":{"output_tokens":3}}"#))
            #expect(chunks[0]["choices"]?[0]?["finish_reason"] == .string(finish))
            #expect(chunks[1]["usage"]?["completion_tokens"] == 3)
        }
    }

    @Test func quietEventsGiveNothing() throws {
        var decoder = AnthropicStreamDecoder(model: "m")
        #expect(try decoder.decode(ServerSentEvent(event: "ping", data: #"{"type":"ping"}"#)).isEmpty)
        #expect(try decoder.decode(ServerSentEvent(event: "content_block_stop", data: #"{"type":"content_block_stop","index":0}"#)).isEmpty)
        #expect(try decoder.decode(ServerSentEvent(event: "message_stop", data: #"{"type":"message_stop"}"#)).isEmpty)
    }

    @Test func errorEventThrowsBadGateway() {
        var decoder = AnthropicStreamDecoder(model: "m")
        let event = ServerSentEvent(event: "error", data: #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)
        #expect(throws: GatewayError.badGateway("Overloaded", code: "overloaded_error")) {
            try decoder.decode(event)
        }
        #expect(throws: GatewayError.self) {
            try decoder.decode(ServerSentEvent(event: "content_block_delta", data: "{not json"))
        }
    }
}
