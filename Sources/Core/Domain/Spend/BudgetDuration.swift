import Foundation

/// LiteLLM's duration strings (`30s`, `10m`, `1h`, `1d`, `7d`, `2w`, `30d`, `1mo`) for `budget_duration` and key
/// `duration`. `mo` is a calendar month in UTC (31 Jan + 1mo = 28/29 Feb); the others are fixed lengths.
///
/// Any positive count parses, so a stored value reads; the management API and the config accept at most 100 years
/// (``isWithinRange``, ``InputRange/duration(_:field:)``). ``after(_:)`` and ``approximateSeconds`` count a longer
/// duration as 100 years, so no duration can make a date that overflows.
public struct BudgetDuration: Sendable, Hashable, CustomStringConvertible {
    public let count: Int
    public let unit: Unit

    public enum Unit: String, Sendable, Hashable {
        case seconds = "s", minutes = "m", hours = "h", days = "d", weeks = "w", months = "mo"

        var seconds: Double? {
            switch self {
            case .seconds: 1
            case .minutes: 60
            case .hours: 3600
            case .days: 86_400
            case .weeks: 604_800
            case .months: nil
            }
        }
    }

    /// - Returns: nil unless `text` is a positive count followed by one unit.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        // `mo` first: `1mo` must not read as a count of minutes.
        for unit in [Unit.months, .seconds, .minutes, .hours, .days, .weeks] where trimmed.hasSuffix(unit.rawValue) {
            guard let count = Int(trimmed.dropLast(unit.rawValue.count)), count > 0 else { return nil }
            self.count = count
            self.unit = unit
            return
        }
        return nil
    }

    public var description: String { "\(count)\(unit.rawValue)" }

    /// The longest count of months: 100 years.
    static let maxMonths = 1_200
    /// The longest duration, in seconds: 100 years of 365 days (``InputRange/maxDurationSeconds``). Kept here so the
    /// parser builds on its own (the fuzzers compile it without the rest of Core).
    public static let maxSeconds = 3_153_600_000.0

    /// Whether the duration is at most 100 years (``maxSeconds``; 1200 months).
    public var isWithinRange: Bool {
        unit == .months ? count <= Self.maxMonths : Double(count) * (unit.seconds ?? 0) <= Self.maxSeconds
    }

    /// The moment one duration after `start` (seconds since 1970); a duration beyond 100 years counts as 100 years.
    public func after(_ start: Double) -> Double {
        guard unit == .months, count <= Self.maxMonths else { return start + approximateSeconds }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(byAdding: .month, value: count, to: Date(timeIntervalSince1970: start))
        return date?.timeIntervalSince1970 ?? start + approximateSeconds
    }

    /// The length in seconds, counting a month as 30 days (for key expiry, which LiteLLM computes the same way),
    /// at most 100 years.
    public var approximateSeconds: Double { min(Double(count) * (unit.seconds ?? 2_592_000), Self.maxSeconds) }
}
