/// The time a request is signed at, in SigV4's two forms: `20150830T123600Z` (`x-amz-date`) and `20150830` (the
/// credential scope's date).
///
/// Computed from seconds since 1970 in UTC without a calendar or formatter, so signing allocates no `DateFormatter`
/// and depends on no locale.
public struct AWSTimestamp: Sendable, Hashable {
    /// `yyyyMMdd'T'HHmmss'Z'`, UTC.
    public let amzDate: String

    /// `yyyyMMdd`, UTC: the first 8 characters of ``amzDate``.
    public var dateStamp: String { String(amzDate.prefix(8)) }

    /// - Parameter secondsSince1970: a UTC time; fractions are truncated. Times before 1970 or after 9999 are clamped,
    ///   since SigV4 has room for 4-digit years only.
    public init(secondsSince1970: Double) {
        // 253_402_300_799 is 9999-12-31T23:59:59Z.
        let seconds = secondsSince1970.isFinite ? Int64(min(max(secondsSince1970, 0), 253_402_300_799)) : 0
        let days = seconds / 86_400
        let secondOfDay = seconds % 86_400
        let (year, month, day) = Self.civilDate(daysSince1970: days)
        amzDate =
            Self.pad(year, 4) + Self.pad(month, 2) + Self.pad(day, 2) + "T" + Self.pad(secondOfDay / 3600, 2)
            + Self.pad(secondOfDay % 3600 / 60, 2) + Self.pad(secondOfDay % 60, 2) + "Z"
    }

    /// Parses an `x-amz-date` value (`20150830T123600Z`); nil when it is not one.
    public init?(amzDate: String) {
        let characters = Array(amzDate.utf8)
        guard characters.count == 16, characters[8] == UInt8(ascii: "T"), characters[15] == UInt8(ascii: "Z"),
            characters.enumerated().allSatisfy({ $0.offset == 8 || $0.offset == 15 || (48...57).contains($0.element) })
        else { return nil }
        self.amzDate = amzDate
    }

    /// Howard Hinnant's `civil_from_days`: the proleptic Gregorian date of a day count since 1970-01-01.
    private static func civilDate(daysSince1970: Int64) -> (Int64, Int64, Int64) {
        let z = daysSince1970 + 719_468
        let era = z / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
