import Foundation

/// Finds the chosen ``PIIEntity`` kinds. Candidates come from regular expressions; card numbers must pass the
/// Luhn check and IPv6 candidates must be well-formed, so order numbers and clock times are left alone.
struct PIIMatcher: TextMatcher {
    private let matchers: [(entity: PIIEntity, matcher: PatternMatcher)]

    /// - Parameter placeholder: what replaces a match of each entity when masking; by default ``PIIEntity/placeholder``
    ///   (config.yaml's LiteLLM guardrails use LiteLLM's own placeholders, `[EMAIL_REDACTED]`, `<EMAIL_ADDRESS>`).
    init(entities: [PIIEntity], placeholder: (PIIEntity) -> String = \.placeholder) {
        // The built-in patterns are tested; they always compile.
        matchers = entities.map { entity in
            (entity, try! PatternMatcher(patterns: entity.patterns, caseInsensitive: false, placeholder: placeholder(entity), label: entity.rawValue))
        }
    }

    func matches(in text: String) -> [TextMatch] {
        var found: [TextMatch] = []
        var units: [UInt16]?
        for (entity, matcher) in matchers {
            for match in matcher.matches(in: text) {
                switch entity {
                case .creditCard, .ipAddress:
                    let characters = units ?? Array(text.utf16)
                    units = characters
                    let candidate = String(decoding: characters[match.range], as: UTF16.self)
                    if entity == .creditCard ? Luhn.isValid(candidate) : (candidate.contains(".") || IPv6.isValid(candidate)) {
                        found.append(match)
                    }
                default:
                    found.append(match)
                }
            }
        }
        return found.withoutOverlaps()
    }
}

/// The Luhn checksum card numbers carry: it tells a card number from any other long number.
enum Luhn {
    /// Whether the digits of `text` (spaces and dashes ignored) are 13–19 long and pass the checksum.
    static func isValid(_ text: String) -> Bool {
        let digits = text.compactMap(\.wholeNumberValue)
        guard (13...19).contains(digits.count), digits.count == text.filter({ $0 != " " && $0 != "-" }).count else { return false }
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            if offset % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }
}

/// Checks the shape of an IPv6 candidate: eight groups of 1–4 hex digits, or fewer around one `::`.
enum IPv6 {
    static func isValid(_ text: String) -> Bool {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groups(_ part: String) -> [Substring]? {
            if part.isEmpty { return [] }
            let groups = part.split(separator: ":", omittingEmptySubsequences: false)
            return groups.allSatisfy { (1...4).contains($0.count) && $0.allSatisfy(\.isHexDigit) } ? groups : nil
        }
        guard let head = groups(halves[0]) else { return false }
        if halves.count == 1 { return head.count == 8 }
        guard let tail = groups(halves[1]) else { return false }
        // "::" alone or with one group ("a::b" in prose) is too weak a signal to mask.
        return head.count + tail.count >= 2 && head.count + tail.count <= 7
    }
}
