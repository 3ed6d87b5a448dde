extension InputRange {
    /// What a management field holds, and so which range applies to it.
    public enum FieldKind: Sendable, Hashable {
        /// Money in USD (``InputRange/usd(_:field:)``).
        case usd
        /// `rpm_limit`, `tpm_limit`: 0 ... ``InputRange/maxRateLimit``.
        case rateLimit
        /// `max_parallel_requests`: 0 ... ``InputRange/maxParallelRequests``.
        case parallelRequests
        /// A duration string of at most 100 years (``InputRange/duration(_:field:)``).
        case duration
    }

    /// LiteLLM's numeric and duration fields of the management API (keys, users, teams, team members,
    /// organizations, projects, end users), by name.
    public static let managementFields: [String: FieldKind] = [
        "max_budget": .usd, "soft_budget": .usd, "max_budget_in_team": .usd, "rpm_limit": .rateLimit, "tpm_limit": .rateLimit,
        "max_parallel_requests": .parallelRequests, "budget_duration": .duration, "duration": .duration,
    ]

    /// Checks each of `object`'s ``managementFields`` (only those in `names`, when given) against its range.
    /// A value of another JSON type (a string for a number) is left to the body's decoder, which names it too;
    /// `null` (clear the field) passes.
    /// - Parameter prefix: put before field names in the violation (`members_with_roles[0].`).
    /// - Throws: the first ``Violation``, in field-name order.
    public static func checkFields(of object: JSON, only names: Set<String>? = nil, prefix: String = "") throws(Violation) {
        guard let members = object.objectValue else { return }
        for (name, value) in members.sorted(by: { $0.key < $1.key }) {
            guard let kind = managementFields[name], names?.contains(name) ?? true else { continue }
            try check(value, as: kind, field: prefix + name)
        }
    }

    /// Checks one field's JSON value against the range of its kind (see ``checkFields(of:only:prefix:)``).
    public static func check(_ value: JSON, as kind: FieldKind, field: String) throws(Violation) {
        switch (kind, value) {
        case (.usd, .int), (.usd, .double):
            try usd(value.doubleValue ?? .nan, field: field)
        case (.rateLimit, .int), (.rateLimit, .double), (.parallelRequests, .int), (.parallelRequests, .double):
            let maximum = kind == .rateLimit ? maxRateLimit : maxParallelRequests
            guard let number = value.doubleValue, number.isFinite else { throw Violation(field: field, problem: "must be a finite number") }
            // A fractional count is the decoder's to refuse ("must be Int"); here only the range matters.
            guard number >= 0, number <= Double(maximum) else {
                throw Violation(field: field, problem: "must be a whole number from 0 to \(maximum)")
            }
        case (.duration, .string(let text)):
            _ = try duration(text, field: field)
        default:
            return
        }
    }
}
