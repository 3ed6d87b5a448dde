/// What the pipeline itself must know of `anthropic.messages` answers and requests, whichever module translates
/// them: the cost ceiling reserves for the `max_tokens` a translation sends, and the spend log keeps the id the
/// client sees.
extension Dialect {
    /// The `max_tokens` sent to an Anthropic upstream when the request names none (the Messages API requires one).
    public static let anthropicDefaultMaxTokens = 4096

    /// The Anthropic message id shown for an OpenAI answer's id: kept when it already starts with `msg_`, else
    /// prefixed, so a client of `/v1/messages` always sees Anthropic's form.
    public static func anthropicMessageID(forOpenAI id: String) -> String {
        id.hasPrefix("msg_") ? id : "msg_" + id
    }
}
