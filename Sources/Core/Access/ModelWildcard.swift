/// LiteLLM's model-access wildcards: an allowed entry containing `*` (`openai/*`, `bedrock/us.*`, `gpt-*-mini`).
///
/// LiteLLM turns each `*` into the regular expression `.*` and matches the whole name, leaving every other
/// character as regex syntax (so the `.` of `bedrock/us.*` matches any character). Tollgate keeps the `*`
/// semantics, anywhere in the pattern and any number of times, but matches every other character literally: `.`
/// is a dot. Model names carry no regex syntax but `.`, and for `.` LiteLLM's reading is the wider one
/// (`bedrock/us.*` also matched `bedrock/usa-x`), so matching literally fails closed.
public enum ModelWildcard {
    private static let star = UInt8(ascii: "*")

    /// Whether `entry` is a wildcard pattern (contains `*`).
    public static func isPattern(_ entry: String) -> Bool {
        entry.utf8.contains(star)
    }

    /// Whether the whole of `name` matches `pattern`; `*` matches any run of characters, including none and `/`.
    public static func matches(_ pattern: String, _ name: String) -> Bool {
        var pattern = pattern
        var name = name
        return pattern.withUTF8 { patternBytes in
            name.withUTF8 { nameBytes in matches(patternBytes, nameBytes) }
        }
    }

    /// Greedy glob match with one backtrack point (the last `*`): linear in practice, no allocation.
    private static func matches(_ pattern: UnsafeBufferPointer<UInt8>, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        var p = 0
        var n = 0
        var lastStar = -1
        var resumeAt = 0
        while n < name.count {
            if p < pattern.count, pattern[p] == star {
                lastStar = p
                resumeAt = n
                p += 1
            } else if p < pattern.count, pattern[p] == name[n] {
                p += 1
                n += 1
            } else if lastStar >= 0 {
                // Let the last `*` swallow one more character and retry from there.
                p = lastStar + 1
                resumeAt += 1
                n = resumeAt
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == star { p += 1 }
        return p == pattern.count
    }
}
