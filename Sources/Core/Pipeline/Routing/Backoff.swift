/// The pause before a deployment is called again: exponential backoff with full jitter above a floor.
///
/// Retry `n` (0 for the first) waits a random time between `retry_after` and `retry_after × 2ⁿ`, capped at
/// ``RouterSettings/maxBackoff``, so concurrent retries spread out and none is shorter than `retry_after`. An
/// upstream that said `retry-after` is waited for when that is longer (capped as well). A call to a deployment not
/// tried yet in the request does not wait: it did not fail.
public enum Backoff {
    /// - Parameters:
    ///   - retry: how many retries came before this one.
    ///   - upstreamRetryAfter: seconds the failed upstream asked for, when it said.
    ///   - settings: `retry_after` and the cap.
    ///   - random: a number in `0...1` (tests pass their own).
    /// - Returns: seconds to wait.
    public static func delay(retry: Int, upstreamRetryAfter: Double?, settings: RouterSettings, random: Double = FastRandom.unit())
        -> Double
    {
        let floor = min(settings.retryAfter, settings.maxBackoff)
        let ceiling = min(settings.maxBackoff, settings.retryAfter * Double(1 << min(max(retry, 0), 16)))
        let jittered = floor + (max(ceiling, floor) - floor) * min(max(random, 0), 1)
        guard let upstream = upstreamRetryAfter, upstream > jittered else { return jittered }
        return min(upstream, settings.maxBackoff)
    }
}
