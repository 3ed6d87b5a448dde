/// A content guardrail made of several rules, each with its own action: LiteLLM's `litellm_content_filter`, whose
/// every pattern and keyword says `BLOCK` or `MASK`, and `presidio`'s `pii_entities_config`.
///
/// When a blocking rule matches, only the blocking matches are returned, marked ``TextMatch/blocks``, so the check
/// blocks the text (a mask of the rest would be pointless); otherwise the masking matches, without overlaps.
struct ContentRules: TextMatcher {
    /// One rule: what it finds, and whether a match blocks (else it is masked).
    struct Rule: Sendable {
        var matcher: any TextMatcher
        var blocks: Bool
    }

    let rules: [Rule]

    /// Whether the guardrail masks anything; when no rule masks it is an ordinary blocking guardrail.
    var masks: Bool { rules.contains { !$0.blocks } }

    func matches(in text: String) -> [TextMatch] {
        var blocking: [TextMatch] = []
        for rule in rules where rule.blocks {
            blocking += rule.matcher.matches(in: text).map { match in
                var marked = match
                marked.blocks = true
                return marked
            }
        }
        if !blocking.isEmpty { return blocking.withoutOverlaps() }
        return rules.filter { !$0.blocks }.flatMap { $0.matcher.matches(in: text) }.withoutOverlaps()
    }
}
