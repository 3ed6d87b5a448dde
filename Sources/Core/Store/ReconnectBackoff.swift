/// The pause before the next attempt to reach a store: exponential backoff with jitter.
///
/// Attempt `n` (0 for the first retry) waits a random time between half and all of `initial × 2ⁿ`, capped at
/// `maximum`, so instances that lost one database together do not retry in step, and a store that comes back is
/// reached within `maximum`.
public struct ReconnectBackoff: Sendable, Equatable {
    /// The first ceiling, in seconds.
    public let initial: Double
    /// The largest pause, in seconds.
    public let maximum: Double
    /// Failed attempts since the last success.
    public private(set) var attempt = 0

    public init(initial: Double = 0.1, maximum: Double = 2) {
        self.initial = initial
        self.maximum = max(initial, maximum)
    }

    /// The pause after one more failure, in seconds.
    /// - Parameter random: a number in `0...1` (tests pass their own).
    public mutating func next(random: Double = Double.random(in: 0...1)) -> Double {
        let ceiling = min(maximum, initial * Double(1 << min(attempt, 30)))
        attempt += 1
        return ceiling * (0.5 + 0.5 * min(max(random, 0), 1))
    }

    /// Starts over after a success.
    public mutating func reset() { attempt = 0 }
}
