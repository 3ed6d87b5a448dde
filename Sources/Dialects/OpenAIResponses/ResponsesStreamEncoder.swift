public import GatewayCore

/// Turns a stream of OpenAI `chat.completion.chunk` objects into the server-sent events of a Responses API stream.
///
/// A value-type state machine that does no I/O. Every event's `type` is also its SSE `event:` name, and every event
/// has a `sequence_number` counting from 0. The order is the one OpenAI sends and its SDKs parse:
///
/// ```
/// response.created, response.in_progress
/// per output item, in the order they start:
///   response.output_item.added
///   message:       response.content_part.added, response.output_text.delta*, response.output_text.done,
///                  response.content_part.done
///   function_call: response.function_call_arguments.delta*, response.function_call_arguments.done
///   reasoning:     response.reasoning_summary_part.added, response.reasoning_summary_text.delta*,
///                  response.reasoning_summary_text.done, response.reasoning_summary_part.done
///   response.output_item.done
/// response.completed (or response.incomplete for a `length` / `content_filter` finish), with usage
/// ```
///
/// An item is closed when the next one starts (chat streams reasoning, then text, then tool calls one after the
/// other; a change of `tool_calls[].index` starts a new `function_call` item). ``finish()`` closes the last item and
/// returns the final response, so the caller can store it before it sends `response.completed` (``terminal(_:)``).
public struct ResponsesStreamEncoder: Sendable {
    /// The item being streamed.
    enum OpenItem: Sendable {
        case reasoning(id: String, text: String, thinkingBlocks: [JSON])
        case message(id: String, text: String, refusal: String)
        case functionCall(id: String, callID: String, name: String, arguments: String, chatIndex: Int)
    }

    var skeleton: JSON
    var sequenceNumber = 0
    var started = false
    var finished = false
    /// The items already closed, in order.
    var output: [JSON] = []
    var open: OpenItem?
    var finishReason: String?
    var usage: JSON?

    /// - Parameter skeleton: the response's request echo (``ResponsesResponseTranslator/skeleton(id:createdAt:request:stored:)``).
    public init(skeleton: JSON) {
        self.skeleton = skeleton
    }

    /// Encodes one chat chunk; the first call also sends `response.created` and `response.in_progress`.
    /// - Parameter chunk: a `chat.completion.chunk`; only its first choice is read.
    public mutating func encode(_ chunk: JSON) -> [ServerSentEvent] {
        guard !finished else { return [] }
        var events = start()
        if let usage = chunk["usage"], case .object = usage { self.usage = usage }
        guard let choice = chunk["choices"]?[0] else { return events }
        let delta = choice["delta"]
        let reasoning = delta?["reasoning_content"]?.stringValue ?? delta?["reasoning"]?.stringValue ?? ""
        if !reasoning.isEmpty { events += reasoningDelta(reasoning) }
        if let blocks = delta?["thinking_blocks"]?.arrayValue, !blocks.isEmpty { events += reasoningBlocks(blocks) }
        if let text = delta?["content"]?.stringValue, !text.isEmpty { events += textDelta(text) }
        if let refusal = delta?["refusal"]?.stringValue, !refusal.isEmpty { events += refusalDelta(refusal) }
        for call in delta?["tool_calls"]?.arrayValue ?? [] { events += toolCallDelta(call) }
        if let reason = choice["finish_reason"]?.stringValue { finishReason = reason }
        return events
    }

    /// The first events, once: `response.created` and `response.in_progress`.
    public mutating func start() -> [ServerSentEvent] {
        guard !started else { return [] }
        started = true
        return [event("response.created", ["response": skeleton]), event("response.in_progress", ["response": skeleton])]
    }

    /// Ends the stream after the upstream's last chunk: closes the open item and builds the final response.
    ///
    /// The terminal event is left to ``terminal(_:)``, so the caller can store the response first (and say so in it).
    /// - Returns: the closing events and the final response; nil after the first call.
    public mutating func finish() -> (events: [ServerSentEvent], response: JSON)? {
        guard !finished else { return nil }
        var events = start()
        events += closeItem()
        finished = true
        return (events, ResponsesResponseTranslator.finished(skeleton, output: output, finishReason: finishReason, usage: usage))
    }

    /// The last event: `response.completed` with the final response, or `response.incomplete` when its status is.
    public mutating func terminal(_ response: JSON) -> ServerSentEvent {
        event(response["status"] == "incomplete" ? "response.incomplete" : "response.completed", ["response": response])
    }

    /// Ends the stream with a failure: an `error` event, then `response.failed` whose response has the error.
    public mutating func fail(_ error: GatewayError) -> [ServerSentEvent] {
        guard !finished else { return [] }
        var events = start()
        finished = true
        events.append(
            event(
                "error",
                ["code": .string(error.code ?? error.type), "message": .string(error.message), "param": error.param.map { .string($0) } ?? .null]))
        var response = skeleton
        response["status"] = "failed"
        response["output"] = .array(output)
        response["error"] = ["code": .string(error.code ?? "server_error"), "message": .string(error.message)]
        events.append(event("response.failed", ["response": response]))
        return events
    }

    /// One event: `fields` plus `type` and the next `sequence_number`, named `type`.
    mutating func event(_ type: String, _ fields: JSON) -> ServerSentEvent {
        var data = fields
        data["type"] = .string(type)
        data["sequence_number"] = .int(sequenceNumber)
        sequenceNumber += 1
        return ServerSentEvent(event: type, data: data.serializedString())
    }
}
