/// A shared budget object (LiteLLM's `LiteLLM_BudgetTable`, managed by `/budget/*`): limits that end users and team
/// and organization members refer to by `budget_id`. Each holder's spend is its own; the object only says how far it
/// may go, so a change to it applies at once to every holder that refers to it.
public struct BudgetRecord: Codable, Sendable, Hashable {
    public var budgetID: String
    public var maxBudget: Double?
    public var softBudget: Double?
    public var maxParallelRequests: Int?
    public var tpmLimit: Int?
    public var rpmLimit: Int?
    /// Per-model limits, as LiteLLM writes them (`{"gpt-4o": {"max_budget": 10, "budget_duration": "1d"}}`): kept and
    /// returned, range-checked, not enforced for end users.
    public var modelMaxBudget: JSON?
    /// How often spend held to this budget resets (`1d`, `30d`, `1mo`).
    public var budgetDuration: String?
    /// When the spend next resets (ISO 8601), as LiteLLM reports it; set from `budget_duration` when not given.
    public var budgetResetAt: String?
    public var createdAt: Double
    public var createdBy: String?
    public var updatedAt: Double
    public var updatedBy: String?

    public init(budgetID: String, createdAt: Double, updatedAt: Double) {
        self.budgetID = budgetID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case budgetID = "budget_id", maxBudget = "max_budget", softBudget = "soft_budget", maxParallelRequests = "max_parallel_requests"
        case tpmLimit = "tpm_limit", rpmLimit = "rpm_limit", modelMaxBudget = "model_max_budget", budgetDuration = "budget_duration"
        case budgetResetAt = "budget_reset_at", createdAt = "created_at", createdBy = "created_by", updatedAt = "updated_at"
        case updatedBy = "updated_by"
    }
}
