public import GatewayCore

/// The `word-blocker` guardrail: rejects a request or a complete response whose text contains a blocked word.
///
/// `preCall` reads what the client sends, through the request's dialect-neutral view (every message text and text
/// part, tool call arguments, `prompt`, `input`). `postCall` reads the assistant's text in each choice.
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
    ///
    /// Reads the request's view (``RequestView``), so it works the same for chat, completions, embeddings,
    /// Anthropic's `/v1/messages`, the Responses API and any dialect added later.
    /// - Parameter request: the request; only its view is read.
    /// - Returns: ``HookDecision/proceed`` when no blocked word occurs.
    /// - Throws: ``GatewayError`` 400 `content_blocked`, with `param` naming the field at fault.
    public func preCall(_ request: inout GatewayRequest) async throws -> HookDecision {
        let texts = request.view.texts
        guard let word = blocked.firstMatch(in: texts.map(\.text)) else { return .proceed }
        // No word configured before it occurs anywhere, so the first text where it is the first match holds it.
        let field = texts.first { blocked.firstMatch(in: [$0.text]) == word }?.field
        throw Self.blocked(word, in: "request", param: field)
    }

    /// Rejects a complete response whose assistant text contains a blocked word.
    /// - Parameters:
    ///   - request: the request the response answers (unused).
    ///   - response: the response's view in OpenAI's shape; left unchanged.
    /// - Throws: ``GatewayError`` 400 `content_blocked`.
    public func postCall(_ request: GatewayRequest, response: inout JSON) async throws {
        if let word = blocked.firstMatch(in: AnswerView(response).texts) {
            throw Self.blocked(word, in: "response", param: nil)
        }
    }

    private static func blocked(_ word: String, in what: String, param: String?) -> GatewayError {
        .badRequest("The \(what) contains \"\(word)\", which is blocked by the word-blocker guardrail.", param: param, code: "content_blocked")
    }
}
