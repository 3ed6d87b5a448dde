import GatewayCore

/// Opening, growing and closing the streamed output items.
extension ResponsesStreamEncoder {
    /// The index the open item has, or the next item will have, in `output`.
    private var outputIndex: JSON { .int(output.count) }

    mutating func reasoningDelta(_ text: String) -> [ServerSentEvent] {
        var events = openReasoning()
        guard case .reasoning(let id, let sofar, let blocks)? = open else { return events }
        open = .reasoning(id: id, text: sofar + text, thinkingBlocks: blocks)
        events.append(
            event(
                "response.reasoning_summary_text.delta",
                ["item_id": .string(id), "output_index": outputIndex, "summary_index": 0, "delta": .string(text)]))
        return events
    }

    /// Signed thinking blocks (chat's `thinking_blocks`): kept for the reasoning item's `encrypted_content`.
    mutating func reasoningBlocks(_ blocks: [JSON]) -> [ServerSentEvent] {
        let events = openReasoning()
        guard case .reasoning(let id, let text, let sofar)? = open else { return events }
        open = .reasoning(id: id, text: text, thinkingBlocks: sofar + blocks)
        return events
    }

    /// Opens a reasoning item unless one is open.
    private mutating func openReasoning() -> [ServerSentEvent] {
        if case .reasoning? = open { return [] }
        var events = closeItem()
        let id = ResponsesIDs.reasoning()
        open = .reasoning(id: id, text: "", thinkingBlocks: [])
        events.append(
            event("response.output_item.added", ["output_index": outputIndex, "item": ["id": .string(id), "type": "reasoning", "summary": []]]))
        events.append(
            event(
                "response.reasoning_summary_part.added",
                ["item_id": .string(id), "output_index": outputIndex, "summary_index": 0, "part": ["type": "summary_text", "text": ""]]))
        return events
    }

    mutating func textDelta(_ text: String) -> [ServerSentEvent] {
        var events = openMessage()
        guard case .message(let id, let sofar, let refusal)? = open else { return events }
        open = .message(id: id, text: sofar + text, refusal: refusal)
        events.append(
            event(
                "response.output_text.delta",
                ["item_id": .string(id), "output_index": outputIndex, "content_index": 0, "delta": .string(text), "logprobs": []]))
        return events
    }

    /// A refusal is kept in the message item (a `refusal` part of the final item); it has no delta events here.
    mutating func refusalDelta(_ text: String) -> [ServerSentEvent] {
        let events = openMessage()
        if case .message(let id, let sofar, let refusal)? = open { open = .message(id: id, text: sofar, refusal: refusal + text) }
        return events
    }

    private mutating func openMessage() -> [ServerSentEvent] {
        if case .message? = open { return [] }
        var events = closeItem()
        let id = ResponsesIDs.message()
        open = .message(id: id, text: "", refusal: "")
        let item: JSON = ["id": .string(id), "type": "message", "role": "assistant", "status": "in_progress", "content": []]
        events.append(event("response.output_item.added", ["output_index": outputIndex, "item": item]))
        events.append(
            event(
                "response.content_part.added",
                ["item_id": .string(id), "output_index": outputIndex, "content_index": 0, "part": ResponsesResponseTranslator.outputTextPart("")]))
        return events
    }

    mutating func toolCallDelta(_ call: JSON) -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        let chatIndex = call["index"]?.intValue ?? 0
        let fragment = call["function"]?["arguments"]?.stringValue ?? ""
        if case .functionCall(let id, let callID, let name, let arguments, chatIndex)? = open {
            open = .functionCall(id: id, callID: callID, name: name, arguments: arguments + fragment, chatIndex: chatIndex)
            if !fragment.isEmpty {
                events.append(
                    event(
                        "response.function_call_arguments.delta", ["item_id": .string(id), "output_index": outputIndex, "delta": .string(fragment)]))
            }
            return events
        }
        events += closeItem()
        let id = ResponsesIDs.functionCall()
        let callID = call["id"]?.stringValue ?? ResponsesIDs.functionCall()
        let name = call["function"]?["name"]?.stringValue ?? ""
        open = .functionCall(id: id, callID: callID, name: name, arguments: fragment, chatIndex: chatIndex)
        let item = ResponsesResponseTranslator.functionCallItem(id: id, callID: callID, name: name, arguments: "", status: "in_progress")
        events.append(event("response.output_item.added", ["output_index": outputIndex, "item": item]))
        if !fragment.isEmpty {
            events.append(
                event("response.function_call_arguments.delta", ["item_id": .string(id), "output_index": outputIndex, "delta": .string(fragment)]))
        }
        return events
    }

    /// Closes the open item: its done events, then `response.output_item.done`; the item joins `output`.
    mutating func closeItem() -> [ServerSentEvent] {
        guard let item = open else { return [] }
        open = nil
        var events: [ServerSentEvent] = []
        let index = outputIndex
        let done: JSON
        switch item {
        case .reasoning(let id, let text, let thinkingBlocks):
            let part: JSON = ["type": "summary_text", "text": .string(text)]
            events.append(
                event(
                    "response.reasoning_summary_text.done",
                    ["item_id": .string(id), "output_index": index, "summary_index": 0, "text": .string(text)]))
            events.append(
                event("response.reasoning_summary_part.done", ["item_id": .string(id), "output_index": index, "summary_index": 0, "part": part]))
            done = ResponsesResponseTranslator.reasoningItem(id: id, text: text, thinkingBlocks: thinkingBlocks)
        case .message(let id, let text, let refusal):
            events.append(
                event(
                    "response.output_text.done",
                    ["item_id": .string(id), "output_index": index, "content_index": 0, "text": .string(text), "logprobs": []]))
            events.append(
                event(
                    "response.content_part.done",
                    ["item_id": .string(id), "output_index": index, "content_index": 0, "part": ResponsesResponseTranslator.outputTextPart(text)]))
            done = ResponsesResponseTranslator.messageItem(id: id, text: text, refusal: refusal, status: "completed")
        case .functionCall(let id, let callID, let name, let arguments, _):
            events.append(
                event(
                    "response.function_call_arguments.done",
                    ["item_id": .string(id), "output_index": index, "name": .string(name), "arguments": .string(arguments)]))
            done = ResponsesResponseTranslator.functionCallItem(id: id, callID: callID, name: name, arguments: arguments)
        }
        events.append(event("response.output_item.done", ["output_index": index, "item": done]))
        output.append(done)
        return events
    }
}
