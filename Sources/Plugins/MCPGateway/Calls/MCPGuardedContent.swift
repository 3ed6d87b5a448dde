import GatewayCore

/// A tool call's texts in the shape the guardrail hooks read: the string values of the arguments as chat messages
/// (one user message each) going in, and the result's text content items as choices coming back.
///
/// A guardrail that masks rewrites those texts; they are put back where they came from, so the upstream gets the
/// masked arguments and the client the masked result, every other field as it was.
enum MCPGuardedContent {
    /// The paths of an argument tree's strings, depth first (object keys sorted, so the order is stable).
    static func stringPaths(_ value: JSON, at path: [PathStep] = []) -> [[PathStep]] {
        switch value {
        case .string: return [path]
        case .array(let items): return items.indices.flatMap { stringPaths(items[$0], at: path + [.index($0)]) }
        case .object(let members): return members.keys.sorted().flatMap { stringPaths(members[$0]!, at: path + [.key($0)]) }
        default: return []
        }
    }

    enum PathStep: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The chat-shaped body the guardrails see for `arguments` (nil when they hold no string).
    static func requestBody(server: String, tool: String, arguments: JSON) -> JSON? {
        let paths = stringPaths(arguments)
        guard !paths.isEmpty else { return nil }
        let messages = paths.map { path -> JSON in ["role": "user", "content": value(arguments, at: path) ?? ""] }
        return ["model": .string("mcp/\(server)/\(tool)"), "messages": .array(messages)]
    }

    /// `arguments` with its strings replaced by the guarded body's message contents, in the same order.
    static func arguments(_ arguments: JSON, from body: JSON) -> JSON {
        let paths = stringPaths(arguments)
        let texts = body["messages"]?.arrayValue?.map { $0["content"] } ?? []
        var result = arguments
        for (path, text) in zip(paths, texts) {
            if let text, text.stringValue != nil { result = replacing(result, at: path[...], with: text) }
        }
        return result
    }

    /// The chat-completion-shaped answer the guardrails see for a result: its text items, then the strings of its
    /// `structuredContent` (which repeats the text in a typed form, and must be masked alike); nil when it has none.
    static func responseBody(_ result: JSON) -> JSON? {
        var texts = (result["content"]?.arrayValue ?? []).compactMap { $0["type"]?.stringValue == "text" ? $0["text"]?.stringValue : nil }
        if let structured = result["structuredContent"] {
            texts += stringPaths(structured).compactMap { value(structured, at: $0)?.stringValue }
        }
        guard !texts.isEmpty else { return nil }
        let choices = texts.enumerated().map { index, text -> JSON in
            ["index": .int(index), "message": ["role": "assistant", "content": .string(text)], "finish_reason": "stop"]
        }
        return ["object": "chat.completion", "choices": .array(choices)]
    }

    /// `result` with its text items and structured strings replaced by the guarded answer's choices, in the order
    /// ``responseBody(_:)`` gave them.
    static func result(_ result: JSON, from body: JSON) -> JSON {
        var texts = (body["choices"]?.arrayValue ?? []).map { $0["message"]?["content"]?.stringValue }[...]
        var changed = result
        if var items = result["content"]?.arrayValue {
            for index in items.indices where items[index]["type"]?.stringValue == "text" && items[index]["text"]?.stringValue != nil {
                guard let next = texts.popFirst() else { break }
                if let next { items[index]["text"] = .string(next) }
            }
            changed["content"] = .array(items)
        }
        if var structured = result["structuredContent"] {
            for path in stringPaths(structured) {
                guard let next = texts.popFirst() else { break }
                if let next { structured = replacing(structured, at: path[...], with: .string(next)) }
            }
            changed["structuredContent"] = structured
        }
        return changed
    }

    private static func value(_ root: JSON, at path: [PathStep]) -> JSON? {
        var current: JSON? = root
        for step in path {
            switch step {
            case .key(let key): current = current?[key]
            case .index(let index): current = current?[index]
            }
        }
        return current
    }

    private static func replacing(_ root: JSON, at path: ArraySlice<PathStep>, with value: JSON) -> JSON {
        guard let step = path.first else { return value }
        switch (step, root) {
        case (.key(let key), .object(var members)):
            members[key] = replacing(members[key] ?? .null, at: path.dropFirst(), with: value)
            return .object(members)
        case (.index(let index), .array(var items)) where items.indices.contains(index):
            items[index] = replacing(items[index], at: path.dropFirst(), with: value)
            return .array(items)
        default:
            return root
        }
    }
}
