public import GatewayCore

/// The `word-blocker` guardrail: rejects a request or a complete response whose text contains a blocked word.
///
/// `preCall` reads what the client sends: every chat message's content (a string, or the `text` of its parts),
/// `prompt` for completions, `input` for embeddings. `postCall` reads the assistant's text in each choice.
/// Either throws ``GatewayError`` 400 `content_blocked`, naming the blocked word and nothing of the text
/// around it. `inspectChunk` passes every streamed chunk through.
///
/// ```swift
/// let guardrail = WordBlockerGuardrail(words: ["forbidden-word"])
/// var request = GatewayRequest(id: "1", endpoint: .chatCompletions, body: body, receivedAtDate: 0)
/// _ = try await guardrail.preCall(&request)  // throws if a message says "forbidden-word"
/// ```
public struct WordBlockerGuardrail: GuardrailHook {
    private let blocked: BlockedWords

    /// Creates the guardrail.
    /// - Parameters:
    ///   - words: the blocked words or phrases; blank entries are ignored.
    ///   - caseSensitive: whether matching respects case (default: it does not).
    public init(words: [String], caseSensitive: Bool = false) {
        blocked = BlockedWords(words, caseSensitive: caseSensitive)
    }

    /// Rejects the request if the text it sends contains a blocked word; leaves the body unchanged.
    /// - Parameter request: the request; only its endpoint and body are read.
    /// - Returns: ``HookDecision/proceed`` when no blocked word occurs.
    /// - Throws: ``GatewayError`` 400 `content_blocked`, with `param` naming the field at fault.
    public func preCall(_ request: inout GatewayRequest) async throws -> HookDecision {
        let field: String
        switch request.endpoint {
        case .chatCompletions, .anthropicMessages: field = "messages"
        case .completions: field = "prompt"
        case .embeddings: field = "input"
        }
        let texts = field == "messages" ? Self.messageTexts(request.body["messages"]) : Self.strings(request.body[field])
        if let word = blocked.firstMatch(in: texts) {
            throw Self.blocked(word, in: "request", param: field)
        }
        return .proceed
    }

    /// Rejects a complete response whose assistant text contains a blocked word.
    /// - Parameters:
    ///   - request: the request the response answers (unused).
    ///   - response: the OpenAI-shaped response body; left unchanged.
    /// - Throws: ``GatewayError`` 400 `content_blocked`.
    public func postCall(_ request: GatewayRequest, response: inout JSON) async throws {
        var texts: [String] = []
        for choice in response["choices"]?.arrayValue ?? [] {
            texts += Self.contentTexts(choice["message"]?["content"])  // chat completions
            texts += Self.strings(choice["text"])  // text completions
        }
        if let word = blocked.firstMatch(in: texts) {
            throw Self.blocked(word, in: "response", param: nil)
        }
    }

    private static func blocked(_ word: String, in what: String, param: String?) -> GatewayError {
        .badRequest("The \(what) contains \"\(word)\", which is blocked by the word-blocker guardrail.", param: param, code: "content_blocked")
    }

    /// The text of every message: string content, or the `text` of each content part.
    private static func messageTexts(_ messages: JSON?) -> [String] {
        (messages?.arrayValue ?? []).flatMap { contentTexts($0["content"]) }
    }

    private static func contentTexts(_ content: JSON?) -> [String] {
        switch content {
        case .string(let text)?: return [text]
        // Image and audio parts carry no `text`; they are skipped.
        case .array(let parts)?: return parts.compactMap { $0["text"]?.stringValue }
        default: return []
        }
    }

    /// A string, or the strings of an array (`prompt` and `input` may also be token arrays, which carry no words).
    private static func strings(_ value: JSON?) -> [String] {
        switch value {
        case .string(let text)?: return [text]
        case .array(let items)?: return items.compactMap(\.stringValue)
        default: return []
        }
    }
}
