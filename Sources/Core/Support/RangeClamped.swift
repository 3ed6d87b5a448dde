/// A stored record whose numbers are brought into their ``InputRange`` when it is read: a row written by an older
/// build (before the ranges were checked) must never make a request or an info route trap.
public protocol RangeClamped {
    /// - Returns: the record with every out-of-range number clamped, and the names of the fields clamped (empty when
    ///   nothing was out of range, and then `record` is `self`).
    func clampedToRanges() -> (record: Self, fields: [String])
}

extension InputRange {
    /// Clamps a stored amount of money: below 0 (or NaN) is 0, above ``maxUSD`` (or infinite) is ``maxUSD``.
    static func clampUSD(_ value: inout Double?, _ field: String, _ clamped: inout [String]) {
        guard let amount = value, !(amount >= 0 && amount <= maxUSD) else { return }
        value = amount.isNaN ? 0 : min(max(amount, 0), maxUSD)
        clamped.append(field)
    }

    /// Clamps a stored count to `0 ... maximum`.
    static func clampCount(_ value: inout Int?, maximum: Int, _ field: String, _ clamped: inout [String]) {
        guard let count = value, !(count >= 0 && count <= maximum) else { return }
        value = min(max(count, 0), maximum)
        clamped.append(field)
    }

    /// Shortens a stored duration longer than 100 years to 100 years (one that does not parse is left alone: it
    /// is ignored where it is read).
    static func clampDuration(_ value: inout String?, _ field: String, _ clamped: inout [String]) {
        guard let text = value, let duration = BudgetDuration(text), !duration.isWithinRange else { return }
        value = "\(Int(maxDurationSeconds / 86_400))d"
        clamped.append(field)
    }

    /// A scope's limits as read from storage, each field within its range.
    /// - Returns: the limits and the names of the fields clamped.
    public static func clamped(_ limits: BudgetLimits, prefix: String = "") -> (limits: BudgetLimits, fields: [String]) {
        var result = limits
        var fields: [String] = []
        clampUSD(&result.maxBudget, prefix + "max_budget", &fields)
        clampUSD(&result.softBudget, prefix + "soft_budget", &fields)
        clampDuration(&result.budgetDuration, prefix + "budget_duration", &fields)
        clampCount(&result.rpmLimit, maximum: maxRateLimit, prefix + "rpm_limit", &fields)
        clampCount(&result.tpmLimit, maximum: maxRateLimit, prefix + "tpm_limit", &fields)
        clampCount(&result.maxParallelRequests, maximum: maxParallelRequests, prefix + "max_parallel_requests", &fields)
        return (result, fields)
    }
}

extension VirtualKeyRecord: RangeClamped {
    /// The limits clamped as ``InputRange/clamped(_:prefix:)`` does; an infinite `expires` never expires, a NaN
    /// one is taken as expired.
    public func clampedToRanges() -> (record: VirtualKeyRecord, fields: [String]) {
        var key = self
        let settings = key.settings
        let (limits, fields) = InputRange.clamped(
            BudgetLimits(
                maxBudget: maxBudget, softBudget: settings.softBudget, budgetDuration: settings.budgetDuration, rpmLimit: settings.rpmLimit,
                tpmLimit: settings.tpmLimit, maxParallelRequests: settings.maxParallelRequests))
        var clamped = fields
        key.maxBudget = limits.maxBudget
        key.settings.softBudget = limits.softBudget
        key.settings.budgetDuration = limits.budgetDuration
        key.settings.rpmLimit = limits.rpmLimit
        key.settings.tpmLimit = limits.tpmLimit
        key.settings.maxParallelRequests = limits.maxParallelRequests
        if let expires = expiresAt, !expires.isFinite {
            key.expiresAt = expires == .infinity ? nil : createdAt
            clamped.append("expires")
        }
        return (clamped.isEmpty ? self : key, clamped)
    }
}

extension TeamRecord: RangeClamped {
    public func clampedToRanges() -> (record: TeamRecord, fields: [String]) {
        var team = self
        var fields: [String] = []
        InputRange.clampUSD(&team.maxBudget, "max_budget", &fields)
        InputRange.clampUSD(&team.softBudget, "soft_budget", &fields)
        InputRange.clampDuration(&team.budgetDuration, "budget_duration", &fields)
        InputRange.clampCount(&team.rpmLimit, maximum: InputRange.maxRateLimit, "rpm_limit", &fields)
        InputRange.clampCount(&team.tpmLimit, maximum: InputRange.maxRateLimit, "tpm_limit", &fields)
        InputRange.clampCount(&team.maxParallelRequests, maximum: InputRange.maxParallelRequests, "max_parallel_requests", &fields)
        for index in team.members.indices {
            let prefix = "members[\(index)]."
            InputRange.clampUSD(&team.members[index].maxBudget, prefix + "max_budget", &fields)
            InputRange.clampCount(&team.members[index].rpmLimit, maximum: InputRange.maxRateLimit, prefix + "rpm_limit", &fields)
            InputRange.clampCount(&team.members[index].tpmLimit, maximum: InputRange.maxRateLimit, prefix + "tpm_limit", &fields)
        }
        return (fields.isEmpty ? self : team, fields)
    }
}

extension UserRecord: RangeClamped {
    public func clampedToRanges() -> (record: UserRecord, fields: [String]) {
        var user = self
        var fields: [String] = []
        InputRange.clampUSD(&user.maxBudget, "max_budget", &fields)
        InputRange.clampUSD(&user.softBudget, "soft_budget", &fields)
        InputRange.clampDuration(&user.budgetDuration, "budget_duration", &fields)
        InputRange.clampCount(&user.rpmLimit, maximum: InputRange.maxRateLimit, "rpm_limit", &fields)
        InputRange.clampCount(&user.tpmLimit, maximum: InputRange.maxRateLimit, "tpm_limit", &fields)
        InputRange.clampCount(&user.maxParallelRequests, maximum: InputRange.maxParallelRequests, "max_parallel_requests", &fields)
        return (fields.isEmpty ? self : user, fields)
    }
}

extension EndUserRecord: RangeClamped {
    public func clampedToRanges() -> (record: EndUserRecord, fields: [String]) {
        var endUser = self
        var fields: [String] = []
        InputRange.clampUSD(&endUser.maxBudget, "max_budget", &fields)
        InputRange.clampDuration(&endUser.budgetDuration, "budget_duration", &fields)
        InputRange.clampCount(&endUser.rpmLimit, maximum: InputRange.maxRateLimit, "rpm_limit", &fields)
        InputRange.clampCount(&endUser.tpmLimit, maximum: InputRange.maxRateLimit, "tpm_limit", &fields)
        InputRange.clampCount(&endUser.maxParallelRequests, maximum: InputRange.maxParallelRequests, "max_parallel_requests", &fields)
        return (fields.isEmpty ? self : endUser, fields)
    }
}

extension OrganizationRecord: RangeClamped {
    public func clampedToRanges() -> (record: OrganizationRecord, fields: [String]) {
        var organization = self
        var fields: [String] = []
        InputRange.clampUSD(&organization.maxBudget, "max_budget", &fields)
        InputRange.clampCount(&organization.rpmLimit, maximum: InputRange.maxRateLimit, "rpm_limit", &fields)
        InputRange.clampCount(&organization.tpmLimit, maximum: InputRange.maxRateLimit, "tpm_limit", &fields)
        return (fields.isEmpty ? self : organization, fields)
    }
}

extension ProjectRecord: RangeClamped {
    public func clampedToRanges() -> (record: ProjectRecord, fields: [String]) {
        var project = self
        var fields: [String] = []
        InputRange.clampUSD(&project.maxBudget, "max_budget", &fields)
        return (fields.isEmpty ? self : project, fields)
    }
}

extension BudgetRecord: RangeClamped {
    public func clampedToRanges() -> (record: BudgetRecord, fields: [String]) {
        var budget = self
        var fields: [String] = []
        InputRange.clampUSD(&budget.maxBudget, "max_budget", &fields)
        InputRange.clampUSD(&budget.softBudget, "soft_budget", &fields)
        InputRange.clampDuration(&budget.budgetDuration, "budget_duration", &fields)
        InputRange.clampCount(&budget.rpmLimit, maximum: InputRange.maxRateLimit, "rpm_limit", &fields)
        InputRange.clampCount(&budget.tpmLimit, maximum: InputRange.maxRateLimit, "tpm_limit", &fields)
        InputRange.clampCount(&budget.maxParallelRequests, maximum: InputRange.maxParallelRequests, "max_parallel_requests", &fields)
        return (fields.isEmpty ? self : budget, fields)
    }
}
