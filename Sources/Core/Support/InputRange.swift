/// The documented range of every number and duration a caller or an operator gives Tollgate. Each range is generous
/// but finite, so that arithmetic on an accepted value (spend units, expiry dates, counters, ISO-8601 rendering)
/// cannot overflow:
///
/// | Field | Range |
/// |---|---|
/// | money in USD: `max_budget`, `soft_budget`, `max_budget_in_team`, budgets in plugins.json | 0 ... 100 000 000 (``maxUSD``) |
/// | `rpm_limit`, `tpm_limit` (keys, users, teams, members, organizations, end users; models' `rpm`, `tpm`) | 0 ... 10¹² (``maxRateLimit``) |
/// | `max_parallel_requests` | 0 ... 1 000 000 (``maxParallelRequests``); a model's: 1 ... 1 000 000 |
/// | durations: `duration`, `budget_duration` | 1 s ... 100 years (36 500 d, 5 214 w, 1 200 mo; ``maxDurationSeconds``) |
/// | `expires` | in the future, at most 100 years from now |
/// | model prices `input_cost_per_token`, `output_cost_per_token`, `cache_read_input_token_cost`, `cache_creation_input_token_cost`, `output_cost_per_reasoning_token` | 0 ... 1 000 USD (``maxCostPerToken``) |
/// | token counts an upstream reports | 0 ... 10¹² per call (``maxTokens``) |
///
/// Every money field is a finite JSON number: `1e400` (which parses as infinity) is refused, not stored.
/// A value outside its range is refused with a ``Violation`` naming the field (a 400 on the management API, a
/// ``ConfigError`` at startup). A stored value outside it (written by an older build) is clamped where it is read
/// (``clamped(_:)``), so reading a row never traps.
public enum InputRange {
    /// The largest amount of money, in USD. 10⁸ USD is 10¹⁸ ``SpendUnits``, a ninth of `Int64.max`: room for sums of
    /// spend, reservations and worst cases.
    public static let maxUSD = 100_000_000.0
    /// The largest `rpm_limit` and `tpm_limit`.
    public static let maxRateLimit = 1_000_000_000_000
    /// The largest `max_parallel_requests`.
    public static let maxParallelRequests = 1_000_000
    /// 100 years of 365 days: the longest `duration` and `budget_duration`, and the latest `expires` from now.
    public static let maxDurationSeconds = BudgetDuration.maxSeconds
    /// The largest price of one token, in USD.
    public static let maxCostPerToken = 1_000.0
    /// The most tokens one call is counted with (an upstream's `usage` is clamped to it).
    public static let maxTokens = 1_000_000_000_000
    /// The longest interval, timeout or TTL a plugin setting in seconds may have: a day (``settingSeconds(_:key:)``).
    public static let maxSettingSeconds = 86_400.0

    /// A value out of its range, with the field it came from (`max_budget`, `members_with_roles[0].tpm_limit`).
    public struct Violation: Error, Sendable, Equatable, CustomStringConvertible {
        public let field: String
        /// What is wrong, as the end of a sentence: `must be between 0 and 100000000 (USD)`.
        public let problem: String

        public init(field: String, problem: String) {
            self.field = field
            self.problem = problem
        }

        public var description: String { "\(field) \(problem)" }
    }

    // MARK: Checks

    /// - Returns: `value` when it is a finite amount in `0 ... maxUSD`.
    @discardableResult
    public static func usd(_ value: Double, field: String) throws(Violation) -> Double {
        try number(value, in: 0...maxUSD, field: field, unit: "USD")
    }

    /// - Returns: `value` when it is a finite per-token price in `0 ... maxCostPerToken`.
    @discardableResult
    public static func costPerToken(_ value: Double, field: String) throws(Violation) -> Double {
        try number(value, in: 0...maxCostPerToken, field: field, unit: "USD per token")
    }

    /// - Returns: `value` when it is finite and in `range`.
    @discardableResult
    public static func number(_ value: Double, in range: ClosedRange<Double>, field: String, unit: String) throws(Violation) -> Double {
        guard value.isFinite else { throw Violation(field: field, problem: "must be a finite number") }
        guard range.contains(value) else {
            throw Violation(field: field, problem: "must be between \(text(range.lowerBound)) and \(text(range.upperBound)) (\(unit))")
        }
        return value
    }

    /// - Returns: `value` when it is in `minimum ... maximum`.
    @discardableResult
    public static func count(_ value: Int, field: String, minimum: Int = 0, maximum: Int) throws(Violation) -> Int {
        guard value >= minimum, value <= maximum else {
            throw Violation(field: field, problem: "must be a whole number from \(minimum) to \(maximum)")
        }
        return value
    }

    /// A duration string (`30s`, `1h`, `30d`, `1mo`) of at most 100 years.
    public static func duration(_ text: String, field: String) throws(Violation) -> BudgetDuration {
        guard let duration = BudgetDuration(text) else {
            throw Violation(field: field, problem: "must be a duration such as 30s, 15m, 1h, 1d, 7d, 2w, 30d or 1mo, not '\(text.prefix(40))'")
        }
        guard duration.isWithinRange else {
            throw Violation(field: field, problem: "must be at most 100 years (36500d, 5214w or 1200mo), not '\(text.prefix(40))'")
        }
        return duration
    }

    /// An expiry (seconds since 1970): after `now`, at most ``maxDurationSeconds`` later.
    @discardableResult
    public static func expiry(_ seconds: Double, now: Double, field: String) throws(Violation) -> Double {
        guard seconds.isFinite, seconds > now else { throw Violation(field: field, problem: "must be in the future") }
        guard seconds <= now + maxDurationSeconds else { throw Violation(field: field, problem: "must be at most 100 years from now") }
        return seconds
    }

    /// A plugin setting in seconds (an interval, a timeout, a TTL): above 0 and at most ``maxSettingSeconds``, so
    /// that converting it to milliseconds or nanoseconds cannot overflow.
    /// - Parameter key: the setting's name in the plugin's `config` object.
    /// - Throws: ``ConfigError`` naming `config.<key>`.
    @discardableResult
    public static func settingSeconds(_ value: Double, key: String) throws -> Double {
        guard value > 0, value <= maxSettingSeconds else {
            throw ConfigError("config key 'config.\(key)' must be positive and at most \(Int(maxSettingSeconds)) (seconds)")
        }
        return value
    }

    private static func text(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
