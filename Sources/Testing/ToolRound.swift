import GatewayCore

/// The `tool-then-answer` behaviour of ``TestUpstream``, as an agent loop needs it: the assistant calls `get_weather`
/// with `{"city":"Paris"}` until the conversation's last turn carries the tool's result, then answers
/// `the tool said: <result>` and stops. Read from each wire format's own shape of a tool result: a chat `tool`
/// message, an Anthropic `tool_result` block in the last user turn, a Responses `function_call_output` input item.
enum ToolRound {
    static let mode = "tool-then-answer"

    /// Whether this call should answer with a tool call: `tool-call` always, `tool-then-answer` until a result came.
    static func callsTool(_ call: UpstreamCallRecord) -> Bool {
        call.mode == "tool-call" || (call.mode == mode && result(in: call.body) == nil)
    }

    /// The answer's text: `the tool said: <result>` for `tool-then-answer` once the result came, else `fallback`.
    static func reply(_ call: UpstreamCallRecord, otherwise fallback: String) -> String {
        guard call.mode == mode, let result = result(in: call.body) else { return fallback }
        return "the tool said: " + result
    }

    /// The text of the tool result the last turn carries, in whichever format `body` is written.
    static func result(in body: JSON) -> String? {
        if let last = body["messages"]?.arrayValue?.last {
            if last["role"] == "tool" { return text(last["content"]) }
            let block = last["content"]?.arrayValue?.last { $0["type"] == "tool_result" }
            return block.flatMap { text($0["content"]) }
        }
        if let last = body["input"]?.arrayValue?.last, last["type"] == "function_call_output" {
            return text(last["output"])
        }
        return nil
    }

    /// A string, or the texts of a list of content parts.
    private static func text(_ content: JSON?) -> String? {
        switch content {
        case .string(let text)?: return text
        case .array(let parts)?: return parts.compactMap { $0["text"]?.stringValue }.joined()
        default: return nil
        }
    }
}
