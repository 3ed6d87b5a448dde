/// One configured guardrail: its name, when it runs, whether it is on for everyone, and what it checks.
struct GuardrailDefinition: Sendable {
    var name: String
    /// `keywords`, `regex`, `pii`, `max_input` or `http`.
    var kind: String
    var modes: Set<GuardrailMode>
    /// On for every request, like LiteLLM's `default_on`.
    var defaultOn: Bool
    var check: GuardrailCheck
    /// The longest keyword (`keywords`), so the stream window can hold a whole one; 0 for other kinds.
    var longestLiteral = 0
}
