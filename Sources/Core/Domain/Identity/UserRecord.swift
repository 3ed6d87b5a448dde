/// A user (`/user/new`): a role, personal model access, budgets and limits.
public struct UserRecord: Codable, Sendable, Hashable {
    /// LiteLLM's user roles.
    public enum Role: String, Codable, Sendable, Hashable, CaseIterable {
        /// Everything, on every route.
        case proxyAdmin = "proxy_admin"
        /// Reads every admin route, writes none.
        case proxyAdminViewer = "proxy_admin_viewer"
        /// LLM routes and their own keys.
        case internalUser = "internal_user"
        /// Reads their own keys and spend.
        case internalUserViewer = "internal_user_viewer"
    }

    public var userID: String
    public var userEmail: String?
    public var userRole: Role
    public var teams: [String]
    public var organizationID: String?
    /// Models for the user's personal keys (keys without a team); empty means every model.
    public var models: [String]
    public var maxBudget: Double?
    public var softBudget: Double?
    public var budgetDuration: String?
    public var spend: Double
    public var tpmLimit: Int?
    public var rpmLimit: Int?
    public var maxParallelRequests: Int?
    public var metadata: JSON
    public var createdAt: Double
    public var updatedAt: Double

    public init(
        userID: String, userEmail: String? = nil, userRole: Role = .internalUser, teams: [String] = [], organizationID: String? = nil,
        models: [String] = [], maxBudget: Double? = nil, softBudget: Double? = nil, budgetDuration: String? = nil, spend: Double = 0,
        tpmLimit: Int? = nil, rpmLimit: Int? = nil, maxParallelRequests: Int? = nil, metadata: JSON = .object([:]), createdAt: Double,
        updatedAt: Double
    ) {
        self.userID = userID
        self.userEmail = userEmail
        self.userRole = userRole
        self.teams = teams
        self.organizationID = organizationID
        self.models = models
        self.maxBudget = maxBudget
        self.softBudget = softBudget
        self.budgetDuration = budgetDuration
        self.spend = spend
        self.tpmLimit = tpmLimit
        self.rpmLimit = rpmLimit
        self.maxParallelRequests = maxParallelRequests
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", userEmail = "user_email", userRole = "user_role", teams, organizationID = "organization_id", models
        case maxBudget = "max_budget", softBudget = "soft_budget", budgetDuration = "budget_duration", spend
        case tpmLimit = "tpm_limit", rpmLimit = "rpm_limit", maxParallelRequests = "max_parallel_requests", metadata
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}
