import Foundation

/// ISO-8601 timestamps as the management API reads and writes them (seconds since 1970 inside).
public enum ISO8601Time {
    /// `2030-01-31T12:00:00.000Z`.
    public static func string(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    /// Seconds since 1970 of an ISO-8601 date-time (`2030-01-31T12:00:00Z`, with or without fractional seconds,
    /// any offset; a date alone is midnight UTC). - Returns: nil when the string is not one.
    public static func seconds(parsing text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
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
}
