/// An end user (`/customer/new`): the caller's own customer, named by the request's `user` field.
public struct EndUserRecord: Codable, Sendable, Hashable {
    public var userID: String
    public var alias: String?
    public var blocked: Bool
    public var maxBudget: Double?
    /// How often the end user's spend resets (`1d`, `30d`, `1mo`).
    public var budgetDuration: String?
    public var tpmLimit: Int?
    public var rpmLimit: Int?
    public var maxParallelRequests: Int?
    /// A shared budget object (``BudgetRecord``) whose limits this end user is held to, each set field over its own.
    public var budgetID: String?
    public var spend: Double
    public var metadata: JSON
    public var createdAt: Double
    public var updatedAt: Double

    public init(
        userID: String, alias: String? = nil, blocked: Bool = false, maxBudget: Double? = nil, spend: Double = 0, metadata: JSON = .object([:]),
        createdAt: Double, updatedAt: Double
    ) {
        self.userID = userID
        self.alias = alias
        self.blocked = blocked
        self.maxBudget = maxBudget
        self.spend = spend
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", alias, blocked, maxBudget = "max_budget", budgetDuration = "budget_duration", tpmLimit = "tpm_limit"
        case rpmLimit = "rpm_limit", maxParallelRequests = "max_parallel_requests", budgetID = "budget_id", spend, metadata, createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
