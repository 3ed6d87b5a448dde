/// What one guardrail decided about a list of texts.
enum GuardrailVerdict: Sendable, Equatable {
    /// Let the texts through unchanged.
    case allow
    /// Let them through as these texts instead (same count and order).
    case rewrite([String])
    /// Stop: the reason goes into the client's error, so it names what was found, never the text itself.
    case block(reason: String)
}
