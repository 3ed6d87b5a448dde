public import GatewayCore

extension ResponsesRequestTranslator {
    /// Chat parameters whose Responses field has another name.
    static let renamedParams = [
        "response_format": "text.format", "verbosity": "text.verbosity", "reasoning_effort": "reasoning.effort",
        "max_completion_tokens": "max_output_tokens", "max_tokens": "max_output_tokens",
    ]

    /// The field of the Responses request `body` that a `param` naming part of its chat view came from: an error a
    /// deployment raised about the translated request (`response_format`, `messages[2].content[1]`) names what the
    /// client sent (`text.format`, `input[1].content[1]`); a message of the stored conversation is
    /// `previous_response_id`. A param the view has under the same name comes back as is.
    /// - Parameter history: the items of the stored conversation the request continues, as given to ``translate(_:history:)``.
    public static func field(ofViewParam param: String, in body: JSON, history: [JSON] = []) -> String {
        if let renamed = renamedParams[param] { return renamed }
        guard param.hasPrefix("messages["), let close = param.firstIndex(of: "]"),
            let index = Int(param[param.index(param.startIndex, offsetBy: 9)..<close])
        else { return param }
        let rest = param[param.index(after: close)...]
        var origins: [(field: String, calls: [String])] = []
        if let instructions = body["instructions"]?.stringValue, !instructions.isEmpty { origins.append(("instructions", [])) }
        origins += messageOrigins(history).map { _ in ("previous_response_id", []) }
        if body["input"]?.stringValue != nil {
            origins.append(("input", []))
        } else {
            origins += messageOrigins((try? normalizedInput(body["input"])) ?? []).map { ("input[\($0.item)]", $0.calls.map { "input[\($0)]" }) }
        }
        guard origins.indices.contains(index) else { return param }
        let origin = origins[index]
        guard origin.field.hasPrefix("input[") else { return origin.field }
        // Function calls join the assistant message before them: its tool_calls[j] is the j-th call item.
        if rest.hasPrefix(".tool_calls[") {
            let digits = rest.dropFirst(12).prefix { $0 != "]" }
            guard let call = Int(digits), origin.calls.indices.contains(call) else { return origin.field }
            return origin.calls[call] + rest.dropFirst(12 + digits.count + 1)
        }
        return origin.field + rest
    }

    /// For each chat message ``chatMessages(from:param:)`` writes from `items`: the offset of the item it comes from,
    /// and the offsets of the function calls it carries.
    private static func messageOrigins(_ items: [JSON]) -> [(item: Int, calls: [Int])] {
        var origins: [(item: Int, calls: [Int])] = []
        var lastIsAssistant = false
        for (offset, item) in items.enumerated() {
            switch item["type"]?.stringValue {
            case "reasoning":
                continue
            case "function_call":
                if lastIsAssistant, let last = origins.indices.last {
                    origins[last].calls.append(offset)
                } else {
                    origins.append((offset, [offset]))
                }
                lastIsAssistant = true
            default:
                origins.append((offset, []))
                lastIsAssistant = item["type"] == "message" && item["role"] == "assistant"
            }
        }
        return origins
    }
}
