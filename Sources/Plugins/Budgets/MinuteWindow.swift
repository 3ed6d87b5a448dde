/// Requests and tokens counted in one fixed, clock-aligned minute (LiteLLM's per-minute rate-limit keys).
///
/// A window is `[floor(now / 60) * 60, + 60)`. Counts read at a later minute are 0, so a window never needs a
/// timer to roll over: the next write after the minute ends starts a new one.
struct MinuteWindow: Sendable, Hashable {
    static let length = 60.0

    private(set) var start: Double = -.infinity
    private var requestCount = 0
    private var tokenCount = 0

    /// The start of the window `now` falls in.
    static func start(of now: Double) -> Double { (now / length).rounded(.down) * length }

    /// Whole seconds until the window holding `now` ends, at least 1 (for `retry-after`).
    static func secondsToEnd(from now: Double) -> Int {
        max(1, Int((start(of: now) + length - now).rounded(.up)))
    }

    /// Requests counted in the window holding `now`.
    func requests(at now: Double) -> Int { start == Self.start(of: now) ? requestCount : 0 }

    /// Tokens counted in the window holding `now`.
    func tokens(at now: Double) -> Int { start == Self.start(of: now) ? tokenCount : 0 }

    /// Whether nothing was counted in the window holding `now` (so the window can be dropped).
    func isIdle(at now: Double) -> Bool { requests(at: now) == 0 && tokens(at: now) == 0 }

    mutating func addRequest(at now: Double) {
        roll(to: now)
        requestCount += 1
    }

    mutating func addTokens(_ tokens: Int, at now: Double) {
        roll(to: now)
        // Saturating: an upstream's token counts are not ours to trust.
        tokenCount = tokenCount.saturatingAdd(max(0, tokens))
    }

    private mutating func roll(to now: Double) {
        let current = Self.start(of: now)
        guard current != start else { return }
        start = current
        requestCount = 0
        tokenCount = 0
    }
}
