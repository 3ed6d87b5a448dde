import GatewayCore
import OpenAIResponsesDialect
import Testing

/// Chat chunks → the Responses event sequence.
struct StreamEncoderTests {
    private func chunk(_ delta: JSON, finish: String? = nil) -> JSON {
        ["object": "chat.completion.chunk", "choices": [["index": 0, "delta": delta, "finish_reason": finish.map { .string($0) } ?? .null]]]
    }

    /// Runs the encoder over `chunks`. - Returns: the events as (type, data).
    private func encode(_ chunks: [JSON]) throws -> [(type: String, data: JSON)] {
        var encoder = ResponsesStreamEncoder(
            skeleton: ResponsesResponseTranslator.skeleton(id: "resp_1", createdAt: 1, request: ["model": "m"], stored: false))
        var events = encoder.start()
        for chunk in chunks { events += encoder.encode(chunk) }
        let finished = encoder.finish()
        let (closing, response) = try #require(finished)
        events += closing
        events.append(encoder.terminal(response))
        return try events.map { event in
            let data = try JSONParser.parse(event.data)
            #expect(event.event == data["type"]?.stringValue, "the SSE event name is the type")
            return (event.event ?? "", data)
        }
    }

    @Test func textStreamFollowsOpenAIsOrder() throws {
        let usage: JSON = [
            "object": "chat.completion.chunk", "choices": [], "usage": ["prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5],
        ]
        let events = try encode([chunk(["role": "assistant", "content": "Hel"]), chunk(["content": "lo"]), chunk([:], finish: "stop"), usage])
        #expect(
            events.map(\.type) == [
                "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed",
            ])
        #expect(events.map { $0.data["sequence_number"]?.intValue } == Array(0..<events.count).map { $0 })
        #expect(events[4].data["delta"] == "Hel")
        #expect(events[6].data["text"] == "Hello")
        let itemID = events[2].data["item"]?["id"]
        #expect(events[4].data["item_id"] == itemID)
        #expect(events[8].data["item"]?["content"]?[0]?["text"] == "Hello")
        let completed = events[9].data["response"]
        #expect(completed?["status"] == "completed")
        #expect(completed?["output"]?[0]?["id"] == itemID)
        #expect(completed?["usage"]?["input_tokens"] == 3)
        #expect(completed?["usage"]?["total_tokens"] == 5)
    }

    @Test func toolCallArgumentsStreamAsDeltas() throws {
        let events = try encode([
            chunk(["tool_calls": [["index": 0, "id": "call_1", "type": "function", "function": ["name": "get_weather", "arguments": ""]]]]),
            chunk(["tool_calls": [["index": 0, "function": ["arguments": #"{"city":"#]]]]),
            chunk(["tool_calls": [["index": 0, "function": ["arguments": #""Paris"}"#]]]]),
            chunk(["tool_calls": [["index": 1, "id": "call_2", "function": ["name": "get_time", "arguments": "{}"]]]]),
            chunk([:], finish: "tool_calls"),
        ])
        #expect(
            events.map(\.type) == [
                "response.created", "response.in_progress", "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done", "response.completed",
            ])
        #expect(events[2].data["item"]?["call_id"] == "call_1")
        #expect(events[2].data["item"]?["name"] == "get_weather")
        #expect(events[5].data["arguments"] == #"{"city":"Paris"}"#)
        #expect(events[6].data["output_index"] == 0)
        #expect(events[7].data["output_index"] == 1)
        let output = events.last?.data["response"]?["output"]?.arrayValue ?? []
        #expect(output.map { $0["call_id"] } == ["call_1", "call_2"])
        #expect(output.first?["arguments"] == #"{"city":"Paris"}"#)
    }

    @Test func reasoningStreamsAsSummaryTextBeforeTheMessage() throws {
        let events = try encode([
            chunk(["reasoning_content": "hm"]), chunk(["reasoning_content": "m"]), chunk(["content": "ok"]), chunk([:], finish: "stop"),
        ])
        #expect(
            Array(events.map(\.type)[2..<9]) == [
                "response.output_item.added", "response.reasoning_summary_part.added", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done", "response.reasoning_summary_part.done",
                "response.output_item.done",
            ])
        #expect(events[6].data["text"] == "hmm")
        let output = events.last?.data["response"]?["output"]?.arrayValue ?? []
        #expect(output.map { $0["type"] } == ["reasoning", "message"])
    }

    @Test func lengthFinishEndsWithResponseIncomplete() throws {
        let events = try encode([chunk(["content": "cut"]), chunk([:], finish: "length")])
        #expect(events.last?.type == "response.incomplete")
        #expect(events.last?.data["response"]?["incomplete_details"] == ["reason": "max_output_tokens"])
    }

    @Test func aFailureEndsWithErrorAndResponseFailed() throws {
        var encoder = ResponsesStreamEncoder(
            skeleton: ResponsesResponseTranslator.skeleton(id: "resp_1", createdAt: 1, request: ["model": "m"], stored: false))
        _ = encoder.encode(chunk(["content": "par"]))
        let events = encoder.fail(GatewayError.badGateway("upstream went away"))
        #expect(events.map(\.event) == ["error", "response.failed"])
        let failed = try JSONParser.parse(events[1].data)
        #expect(failed["response"]?["status"] == "failed")
        #expect(failed["response"]?["error"]?["message"] == "upstream went away")
        let after = encoder.finish()
        #expect(after == nil, "nothing after a failure")
    }
}
