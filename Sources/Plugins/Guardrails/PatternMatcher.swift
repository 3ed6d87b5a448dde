import Foundation

/// Matches NSRegularExpression patterns: the `regex` kind, and the `keywords` kind (escaped keywords, case
/// insensitive). NSRegularExpression rather than Swift `Regex` because it is markedly faster on Linux, and a
/// guardrail runs on every request.
struct PatternMatcher: TextMatcher, @unchecked Sendable {
    // Unchecked: NSRegularExpression is immutable and documented as safe to use from several threads.
    private let expressions: [NSRegularExpression]
    private let placeholder: String
    private let label: String

    /// - Throws: the pattern's index and NSRegularExpression's complaint, for the caller to name the key.
    init(patterns: [String], caseInsensitive: Bool, placeholder: String, label: String) throws(PatternError) {
        var expressions: [NSRegularExpression] = []
        for (index, pattern) in patterns.enumerated() {
            do {
                expressions.append(try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : []))
            } catch {
                throw PatternError(index: index)
            }
        }
        self.expressions = expressions
        self.placeholder = placeholder
        self.label = label
    }

    /// Keywords as one case-insensitive alternation, matched anywhere (not only as whole words: `passw0rd` in
    /// `mypassw0rd1` is still the secret).
    init(keywords: [String], placeholder: String) {
        let alternation = keywords.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        // An escaped alternation always compiles.
        self.expressions = [try! NSRegularExpression(pattern: "(?:\(alternation))", options: [.caseInsensitive])]
        self.placeholder = placeholder
        self.label = "keyword"
    }

    func matches(in text: String) -> [TextMatch] {
        let whole = NSRange(location: 0, length: text.utf16.count)
        var found: [TextMatch] = []
        for expression in expressions {
            for result in expression.matches(in: text, range: whole) where result.range.length > 0 {
                found.append(
                    TextMatch(range: result.range.location..<(result.range.location + result.range.length), placeholder: placeholder, label: label))
            }
        }
        return expressions.count == 1 ? found : found.withoutOverlaps()
    }

    /// A pattern that does not compile.
    struct PatternError: Error {
        var index: Int
    }
}
