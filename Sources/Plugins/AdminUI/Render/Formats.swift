import Foundation

/// How the pages write numbers and times.
enum Formats {
    /// Dollars: `$0.000123` below a cent, `$12.35` above.
    static func usd(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        if value != 0, abs(value) < 0.01 { return String(format: "$%.6f", value) }
        return String(format: "$%.2f", value)
    }

    /// A whole number with thousands separators.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var output = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { output.append(",") }
            output.append(digit)
        }
        return (value < 0 ? "-" : "") + output
    }

    /// An ISO-8601 time shortened to `2026-12-07 01:02:03` (UTC), or the text as given.
    static func time(_ iso: String?) -> String {
        guard let iso, iso.count >= 19 else { return iso ?? "—" }
        return iso.prefix(10) + " " + iso.dropFirst(11).prefix(8)
    }

    /// Milliseconds, rounded.
    static func milliseconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        return value < 10 ? String(format: "%.1f ms", value) : String(format: "%.0f ms", value)
    }
}
