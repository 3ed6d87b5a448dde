import Foundation

/// Reads how long an upstream asked us to wait: OpenAI's `retry-after-ms`, else `retry-after` in seconds or as
/// an HTTP date. Nonsense and negative values are ignored (nil), never trusted.
enum UpstreamRetryAfter {
    /// The longest wait taken from an upstream header; longer answers are cut to this.
    static let maximumSeconds = 3600.0

    /// The wait that the values of `retry-after-ms` and `retry-after` ask for (either may be missing), from `now`.
    static func seconds(retryAfterMilliseconds: String?, retryAfter: String?, now: Date) -> Double? {
        if let milliseconds = retryAfterMilliseconds.flatMap(Double.init), milliseconds.isFinite, milliseconds >= 0 {
            return min(milliseconds / 1000, maximumSeconds)
        }
        guard let value = retryAfter?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return seconds(from: value, now: now)
    }

    /// `"2"`, `"0.5"` or `"Wed, 21 Oct 2015 07:28:00 GMT"` → seconds from `now`.
    static func seconds(from value: String, now: Date) -> Double? {
        if let seconds = Double(value) {
            return seconds.isFinite && seconds >= 0 ? min(seconds, maximumSeconds) : nil
        }
        // An HTTP date is short printable ASCII. Anything else is not one, and Foundation's DateFormatter traps on some
        // non-ASCII text ("Incorrect range CFRange", found by the time fuzzer: Fuzz/Corpus/time/retry-after-non-ascii).
        guard value.utf8.count <= 64, value.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return min(max(0, date.timeIntervalSince(now)), maximumSeconds)
    }
}
