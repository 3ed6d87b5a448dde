/// What a hook reads of an answer, whole or one streamed chunk, whatever dialect it came in: the texts written, the
/// tool calls made, and the usage.
public struct AnswerView: Sendable {
    /// A tool call the model made (for a streamed chunk, the fragment the chunk carries).
    public struct ToolCall: Sendable, Equatable {
        public var name: String?
        public var arguments: String
    }

    /// Each choice's text (a streamed chunk: its delta), in choice order; reasoning text is in ``reasoning``.
    public var texts: [String]
    /// Reasoning the model showed (`reasoning_content`), per choice that has some.
    public var reasoning: [String]
    public var toolCalls: [ToolCall]
    /// The usage, when the answer (or chunk) reports it.
    public var usage: Usage?

    /// Reads an answer's view: a `chat.completion`, a `text_completion`, or a streamed chunk of either.
    public init(_ answer: JSON) {
        var texts: [String] = []
        var reasoning: [String] = []
        var calls: [ToolCall] = []
        for choice in answer["choices"]?.arrayValue ?? [] {
            let message = choice["message"] ?? choice["delta"] ?? [:]
            if let text = message["content"]?.stringValue ?? choice["text"]?.stringValue { texts.append(text) }
            if let thought = message["reasoning_content"]?.stringValue { reasoning.append(thought) }
            for call in message["tool_calls"]?.arrayValue ?? [] {
                calls.append(
                    ToolCall(name: call["function"]?["name"]?.stringValue, arguments: call["function"]?["arguments"]?.stringValue ?? ""))
            }
        }
        self.texts = texts
        self.reasoning = reasoning
        toolCalls = calls
        usage = Usage(openAI: answer["usage"])
    }
}
