/// The budget and rate limits of one scope, as the auth hook found them on the key, user, team, member,
/// organization, project or end user. Nil means "no limit".
public struct BudgetLimits: Sendable, Hashable {
    /// Requests are refused (400 `budget_exceeded`) once spend reaches it.
    public var maxBudget: Double?
    /// An alert threshold; never blocks.
    public var softBudget: Double?
    /// How often spend resets to 0 (`30s`, `1h`, `1d`, `7d`, `30d`, `1mo`).
    public var budgetDuration: String?
    public var rpmLimit: Int?
    public var tpmLimit: Int?
    public var maxParallelRequests: Int?

    public init(
        maxBudget: Double? = nil, softBudget: Double? = nil, budgetDuration: String? = nil, rpmLimit: Int? = nil, tpmLimit: Int? = nil,
        maxParallelRequests: Int? = nil
    ) {
        self.maxBudget = maxBudget
        self.softBudget = softBudget
        self.budgetDuration = budgetDuration
        self.rpmLimit = rpmLimit
        self.tpmLimit = tpmLimit
        self.maxParallelRequests = maxParallelRequests
    }

    /// Whether nothing is limited.
    public var isEmpty: Bool { self == BudgetLimits() }
}

/// A scope the request counts against, with its limits: what ``Principal/budgets`` lists.
public struct ScopedLimits: Sendable, Hashable {
    public var scope: SpendScope
    public var limits: BudgetLimits

    public init(_ scope: SpendScope, _ limits: BudgetLimits) {
        self.scope = scope
        self.limits = limits
    }
}
