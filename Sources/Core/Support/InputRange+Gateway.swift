// The parts of the range checks that need the rest of Core (the HTTP error, budget limits), apart from
// InputRange.swift so that the config fuzzer compiles the checks alone (scripts/fuzz).

extension InputRange.Violation {
    /// The 400 the management API answers, naming the field in `param`.
    public var badRequest: GatewayError { .badRequest("Invalid \(field): it \(problem).", param: field) }
}

extension InputRange {
    /// The limits of one scope (`max_budget`, `soft_budget`, `budget_duration`, `rpm_limit`, `tpm_limit`,
    /// `max_parallel_requests`), each field named with `prefix` (`tag_budgets.eng.`).
    public static func limits(_ limits: BudgetLimits, prefix: String = "") throws(Violation) {
        if let value = limits.maxBudget { try usd(value, field: prefix + "max_budget") }
        if let value = limits.softBudget { try usd(value, field: prefix + "soft_budget") }
        if let value = limits.budgetDuration { _ = try duration(value, field: prefix + "budget_duration") }
        if let value = limits.rpmLimit { try count(value, field: prefix + "rpm_limit", maximum: maxRateLimit) }
        if let value = limits.tpmLimit { try count(value, field: prefix + "tpm_limit", maximum: maxRateLimit) }
        if let value = limits.maxParallelRequests { try count(value, field: prefix + "max_parallel_requests", maximum: maxParallelRequests) }
    }
}
