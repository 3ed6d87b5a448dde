public import GatewayCore

extension AnthropicRequestTranslator {
    /// Where each message of the chat view came from in the Messages request (``openAIRequest(fromAnthropic:)``).
    private enum ViewOrigin {
        /// The top-level `system`.
        case system
        /// A `tool` message: the `tool_result` block at `block` of user turn `turn`.
        case toolResult(turn: Int, block: Int)
        /// A user message: turn `turn`, its parts taken from these blocks, in order.
        case user(turn: Int, blocks: [Int])
        /// An assistant message: turn `turn`, its `tool_calls` taken from these `tool_use` blocks, in order.
        case assistant(turn: Int, toolUses: [Int])
    }

    /// Chat parameters whose Messages field has another name.
    static let renamedParams = ["stop": "stop_sequences", "user": "metadata.user_id", "parallel_tool_calls": "tool_choice.disable_parallel_tool_use"]

    /// The field of the Messages request `body` that a `param` naming part of its chat view came from: an error a
    /// deployment of another dialect raised about the view (`messages[2].content[0]`, `stop`) names what the client
    /// sent (`messages[1].content[1]`, `stop_sequences`). A param the view has under the same name comes back as is.
    public static func field(ofViewParam param: String, in body: JSON) -> String {
        if let renamed = renamedParams[param] { return renamed }
        guard param.hasPrefix("messages["), let close = param.firstIndex(of: "]"),
            let index = Int(param[param.index(param.startIndex, offsetBy: 9)..<close])
        else { return param }
        let origins = viewOrigins(of: body)
        guard origins.indices.contains(index) else { return param }
        var rest = Substring(param[param.index(after: close)...])
        switch origins[index] {
        case .system:
            return "system"
        case .toolResult(let turn, let block):
            return "messages[\(turn)].content[\(block)]" + (rest.hasPrefix(".content") ? ".content" : "")
        case .user(let turn, let blocks):
            guard rest.hasPrefix(".content["), let part = leadingIndex(&rest, after: ".content["), blocks.indices.contains(part) else {
                return "messages[\(turn)]" + rest
            }
            return "messages[\(turn)].content[\(blocks[part])]" + rest
        case .assistant(let turn, let toolUses):
            guard rest.hasPrefix(".tool_calls["), let call = leadingIndex(&rest, after: ".tool_calls["), toolUses.indices.contains(call) else {
                return "messages[\(turn)]" + rest
            }
            return "messages[\(turn)].content[\(toolUses[call])]" + rest
        }
    }

    /// The index after `prefix` at the start of `rest` (`.content[3].type` → 3, leaving `.type`).
    private static func leadingIndex(_ rest: inout Substring, after prefix: String) -> Int? {
        let digits = rest.dropFirst(prefix.count).prefix { $0 != "]" }
        guard let index = Int(digits) else { return nil }
        rest = rest.dropFirst(prefix.count + digits.count + 1)
        return index
    }

    /// The origin of each chat message, in the order ``openAIRequest(fromAnthropic:)`` writes them.
    private static func viewOrigins(of body: JSON) -> [ViewOrigin] {
        var origins: [ViewOrigin] = []
        if (try? systemText(body["system"])) != nil { origins.append(.system) }
        for (turn, message) in (body["messages"]?.arrayValue ?? []).enumerated() {
            let blocks = message["content"]?.arrayValue
            if message["role"] == "assistant" {
                let toolUses = (blocks ?? []).indices.filter { blocks?[$0]["type"] == "tool_use" }
                origins.append(.assistant(turn: turn, toolUses: toolUses))
                continue
            }
            guard let blocks else {
                origins.append(.user(turn: turn, blocks: []))
                continue
            }
            var parts: [Int] = []
            for (offset, block) in blocks.enumerated() {
                if block["type"] == "tool_result" {
                    origins.append(.toolResult(turn: turn, block: offset))
                } else if (try? openAIPart(block, param: "")) ?? nil != nil {
                    parts.append(offset)
                }
            }
            if !parts.isEmpty { origins.append(.user(turn: turn, blocks: parts)) }
        }
        return origins
    }
}
