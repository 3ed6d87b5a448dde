/// Keeps one label's set of values bounded: the first `limit` distinct values pass as they are, every later new
/// value becomes ``overflow``.
///
/// Prometheus keeps a time series per distinct label set, and a scrape renders every one of them, so a label fed
/// by something clients choose (the `model` they ask for, one key per end user) must not grow without end. Values
/// already admitted keep their own series for the life of the process; a value first seen after the bound is
/// counted under `other` (and ``overflowed`` says how often), so totals stay exact. Long values are cut to
/// ``maxLength`` characters (a client can send a model name of any size).
struct LabelBound: Sendable {
    /// The value that stands for every value past the bound.
    static let overflow = "other"
    /// The longest value kept, in characters.
    static let maxLength = 100

    let limit: Int
    private var seen: Set<String> = []
    /// How many values were replaced by ``overflow``.
    private(set) var overflowed = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// The label value to record for `value`.
    mutating func admit(_ value: String) -> String {
        let value = value.count > Self.maxLength ? String(value.prefix(Self.maxLength)) : value
        if seen.contains(value) { return value }
        guard seen.count < limit else {
            overflowed += 1
            return Self.overflow
        }
        seen.insert(value)
        return value
    }
}
