import GatewayCore

/// Where guardrails read text in a body, and how a rewrite is put back in the same places.
///
/// Request: every message's `content` (a string, or the `text` of its text parts), `prompt` and `input` (a
/// string or a list of strings), and a rerank's `query`. Complete response: each choice's `message.content`, or `text` (completions).
/// Stream chunk: each choice's `delta.content`, or `text`. Every other field is left as it was.
enum GuardedText {
    /// The texts of a request body, in a fixed order.
    static func request(_ body: JSON) -> [String] {
        var texts: [String] = []
        _ = mapRequest(body) { text in
            texts.append(text)
            return text
        }
        return texts
    }

    /// The body with its texts replaced, one for one, in the order ``request(_:)`` gave them.
    static func request(_ body: JSON, replacingWith texts: [String]) -> JSON {
        var remaining = texts[...]
        return mapRequest(body) { text in remaining.popFirst() ?? text }
    }

    /// The texts of a complete response (one per choice that has text), in order.
    static func response(_ body: JSON) -> [String] {
        var texts: [String] = []
        _ = mapChoices(body, field: "message") { text in
            texts.append(text)
            return text
        }
        return texts
    }

    /// The response with its texts replaced, in the order ``response(_:)`` gave them.
    static func response(_ body: JSON, replacingWith texts: [String]) -> JSON {
        var remaining = texts[...]
        return mapChoices(body, field: "message") { text in remaining.popFirst() ?? text }
    }

    /// The streamed text of each choice of a chunk, keyed by choice index.
    static func chunk(_ chunk: JSON) -> [(index: Int, text: String)] {
        var texts: [(index: Int, text: String)] = []
        for (position, choice) in (chunk["choices"]?.arrayValue ?? []).enumerated() {
            let text = choice["delta"]?["content"]?.stringValue ?? choice["text"]?.stringValue
            if let text, !text.isEmpty { texts.append((choice["index"]?.intValue ?? position, text)) }
        }
        return texts
    }

    /// The chunk with the text of choice `index` replaced.
    static func chunk(_ chunk: JSON, replacing index: Int, with text: String) -> JSON {
        guard var choices = chunk["choices"]?.arrayValue else { return chunk }
        for position in choices.indices where (choices[position]["index"]?.intValue ?? position) == index {
            if choices[position]["delta"]?["content"]?.stringValue != nil {
                choices[position]["delta"]?["content"] = .string(text)
            } else {
                choices[position]["text"] = .string(text)
            }
        }
        var result = chunk
        result["choices"] = .array(choices)
        return result
    }

    private static func mapRequest(_ body: JSON, _ transform: (String) -> String) -> JSON {
        var result = body
        if var messages = body["messages"]?.arrayValue {
            for index in messages.indices {
                if let content = messages[index]["content"] { messages[index]["content"] = mapContent(content, transform) }
            }
            result["messages"] = .array(messages)
        }
        // `query`: a rerank's (LiteLLM guards a rerank's query, not its documents).
        for field in ["prompt", "input", "query"] {
            if let value = body[field] { result[field] = mapStrings(value, transform) }
        }
        return result
    }

    /// A string, or a list of strings and `{"type": "text", "text": ...}` parts.
    private static func mapContent(_ content: JSON, _ transform: (String) -> String) -> JSON {
        switch content {
        case .string(let text):
            return .string(transform(text))
        case .array(let parts):
            return .array(
                parts.map { part in
                    if case .string(let text) = part { return .string(transform(text)) }
                    guard let text = part["text"]?.stringValue else { return part }
                    var changed = part
                    changed["text"] = .string(transform(text))
                    return changed
                })
        default:
            return content
        }
    }

    private static func mapStrings(_ value: JSON, _ transform: (String) -> String) -> JSON {
        switch value {
        case .string(let text): .string(transform(text))
        case .array(let items): .array(items.map { item in item.stringValue.map { .string(transform($0)) } ?? item })
        default: value
        }
    }

    private static func mapChoices(_ body: JSON, field: String, _ transform: (String) -> String) -> JSON {
        guard var choices = body["choices"]?.arrayValue else { return body }
        for index in choices.indices {
            if let text = choices[index][field]?["content"]?.stringValue {
                choices[index][field]?["content"] = .string(transform(text))
            } else if let text = choices[index]["text"]?.stringValue {
                choices[index]["text"] = .string(transform(text))
            }
        }
        var result = body
        result["choices"] = .array(choices)
        return result
    }
}
