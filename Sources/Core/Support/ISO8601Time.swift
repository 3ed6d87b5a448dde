import Foundation

/// ISO-8601 timestamps as the management API reads and writes them (seconds since 1970 inside).
public enum ISO8601Time {
    /// The first moment ISO-8601's four-digit years can write: 0001-01-01T00:00:00Z.
    public static let earliest = -62_135_596_800.0
    /// The last whole second four-digit years can write: 9999-12-31T23:59:59Z.
    public static let latest = 253_402_300_799.0

    /// `2030-01-31T12:00:00.000Z` (milliseconds truncated). Total: a moment before year 1 or after year 9999 (a
    /// stored value from an older build) is written as the first or last one, NaN as 1970.
    public static func string(_ seconds: Double) -> String {
        let clamped = seconds.isNaN ? 0 : min(max(seconds, earliest), latest + 0.9999)
        let whole = clamped.rounded(.down)
        return string(wholeSeconds: Int(whole), milliseconds: min(999, Int((clamped - whole) * 1000)))
    }

    /// The same from whole seconds since 1970 and milliseconds, with `gmtime_r`: an `ISO8601DateFormatter` made per
    /// call cost more than the rest of a request's log line (it was the request log's main cost in the benchmark).
    /// Seconds are clamped to years 1 ... 9999 and milliseconds to 0 ... 999, as ``string(_:)`` does.
    public static func string(wholeSeconds: Int, milliseconds: Int) -> String {
        let milliseconds = min(max(milliseconds, 0), 999)
        var time = time_t(min(max(wholeSeconds, Int(earliest)), Int(latest)))
        var parts = tm()
        gmtime_r(&time, &parts)
        var out: [UInt8] = []
        out.reserveCapacity(24)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4)
        out.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2)
        out.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2)
        out.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2)
        out.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2)
        out.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2)
        out.append(UInt8(ascii: "."))
        digits(milliseconds, 3)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Seconds since 1970 of an ISO-8601 date-time (`2030-01-31T12:00:00Z`, with or without fractional seconds,
    /// any offset; a date alone is midnight UTC). - Returns: nil when the string is not one.
    public static func seconds(parsing text: String) -> Double? {
        // No date-time is longer; and ICU's parser traps (SIGFPE) on long runs of digits (found by the fuzzer), so
        // digits of a fraction past microseconds are cut, and any other run longer than a year's is refused.
        guard text.utf8.count <= 128 else { return nil }
        let trimmed = Self.fractionCut(text.trimmingCharacters(in: .whitespaces), toDigits: 6)
        guard Self.longestDigitRun(in: trimmed) <= 6 else { return nil }
        let options: [ISO8601DateFormatter.Options] = [
            [.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime], [.withFullDate],
        ]
        for option in options {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = option
            if let date = formatter.date(from: trimmed) { return date.timeIntervalSince1970 }
        }
        return nil
    }

    /// The most ASCII digits in a row in `text`.
    static func longestDigitRun(in text: String) -> Int {
        var longest = 0
        var current = 0
        for byte in text.utf8 {
            current = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    /// `text` with the digits of its fractional seconds (after the `.` that follows the time) past the first `digits`
    /// removed: `12:00:00.123456789Z` → `12:00:00.123456Z`.
    static func fractionCut(_ text: String, toDigits digits: Int) -> String {
        guard let time = text.firstIndex(where: { $0 == "T" || $0 == "t" }), let dot = text[time...].firstIndex(of: ".") else { return text }
        let fraction = text[text.index(after: dot)...].prefix { $0.isASCII && $0.isNumber }
        guard fraction.count > digits else { return text }
        return String(text[...dot]) + fraction.prefix(digits) + text[fraction.endIndex...]
    }
}
