import Foundation

/// LiteLLM's duration strings (`30s`, `10m`, `1h`, `1d`, `7d`, `2w`, `30d`, `1mo`) for `budget_duration` and key
/// `duration`. `mo` is a calendar month in UTC (31 Jan + 1mo = 28/29 Feb); the others are fixed lengths.
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

    /// The moment one duration after `start` (seconds since 1970).
    public func after(_ start: Double) -> Double {
        if let seconds = unit.seconds { return start + Double(count) * seconds }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(byAdding: .month, value: count, to: Date(timeIntervalSince1970: start))
        return date?.timeIntervalSince1970 ?? start + Double(count) * 2_592_000
    }

    /// The length in seconds, counting a month as 30 days (for key expiry, which LiteLLM computes the same way).
    public var approximateSeconds: Double { Double(count) * (unit.seconds ?? 2_592_000) }
}
