/// One finding of a ``TextMatcher``: where, and what to put there when masking.
struct TextMatch: Sendable, Equatable {
    /// The matched characters, as UTF-16 offsets (NSRegularExpression's unit), so ranges from several
    /// matchers compare without converting indices.
    var range: Range<Int>
    /// The placeholder that replaces the match when masking (`[EMAIL]`, `[REDACTED]`).
    var placeholder: String
    /// What was found, for the block reason (`email`, `keyword`); never the matched text itself.
    var label: String
    /// Found by a rule that blocks inside a guardrail that otherwise masks (LiteLLM's content filter gives each
    /// pattern and keyword its own action; ``ContentRules``): one such match blocks the whole text.
    var blocks = false
}

/// Finds what a content guardrail looks for in a text. Pure and thread-safe: one instance serves every request.
protocol TextMatcher: Sendable {
    /// Every match in `text`, sorted by start and not overlapping.
    func matches(in text: String) -> [TextMatch]
}

extension [TextMatch] {
    /// Keeps the earliest of overlapping matches (the longest when two start together), so masking never
    /// replaces the same characters twice.
    func withoutOverlaps() -> [TextMatch] {
        let sorted = self.sorted {
            $0.range.lowerBound != $1.range.lowerBound ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count
        }
        var kept: [TextMatch] = []
        for match in sorted where kept.last.map({ match.range.lowerBound >= $0.range.upperBound }) ?? true {
            kept.append(match)
        }
        return kept
    }
}

extension String {
    /// This text with each match replaced by its placeholder.
    /// - Parameter matches: sorted, not overlapping, UTF-16 ranges within this text.
    func masking(_ matches: [TextMatch]) -> String {
        guard !matches.isEmpty else { return self }
        let units = Array(utf16)
        var result: [UInt16] = []
        result.reserveCapacity(units.count)
        var position = 0
        for match in matches {
            result.append(contentsOf: units[position..<match.range.lowerBound])
            result.append(contentsOf: match.placeholder.utf16)
            position = match.range.upperBound
        }
        result.append(contentsOf: units[position...])
        return String(decoding: result, as: UTF16.self)
    }
}
