/// A team (`/team/new`): members with roles, the models it may use, its aliases, budgets and limits.
public struct TeamRecord: Codable, Sendable, Hashable {
    public var teamID: String
    public var teamAlias: String?
    public var organizationID: String?
    /// Models, wildcards or access groups; empty means every model.
    public var models: [String]
    /// Public name the team's callers send → the model name it resolves to.
    public var modelAliases: [String: String]
    public var members: [TeamMember]
    public var maxBudget: Double?
    public var softBudget: Double?
    /// LiteLLM's duration strings (`30s`, `1h`, `1d`, `30d`).
    public var budgetDuration: String?
    public var spend: Double
    public var tpmLimit: Int?
    public var rpmLimit: Int?
    public var maxParallelRequests: Int?
    public var blocked: Bool
    public var metadata: JSON
    /// LiteLLM's `team_member_permissions`: the key routes a plain member (not a team admin) may call for the team's
    /// keys; nil uses ``defaultMemberPermissions``.
    public var teamMemberPermissions: [String]?
    public var createdAt: Double
    public var updatedAt: Double

    /// What a plain member may do with the team's keys when the team sets nothing (LiteLLM's default).
    public static let defaultMemberPermissions = ["/key/info", "/key/health"]

    public init(
        teamID: String, teamAlias: String? = nil, organizationID: String? = nil, models: [String] = [], modelAliases: [String: String] = [:],
        members: [TeamMember] = [], maxBudget: Double? = nil, softBudget: Double? = nil, budgetDuration: String? = nil, spend: Double = 0,
        tpmLimit: Int? = nil, rpmLimit: Int? = nil, maxParallelRequests: Int? = nil, blocked: Bool = false, metadata: JSON = .object([:]),
        createdAt: Double, updatedAt: Double
    ) {
        self.teamID = teamID
        self.teamAlias = teamAlias
        self.organizationID = organizationID
        self.models = models
        self.modelAliases = modelAliases
        self.members = members
        self.maxBudget = maxBudget
        self.softBudget = softBudget
        self.budgetDuration = budgetDuration
        self.spend = spend
        self.tpmLimit = tpmLimit
        self.rpmLimit = rpmLimit
        self.maxParallelRequests = maxParallelRequests
        self.blocked = blocked
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case teamID = "team_id", teamAlias = "team_alias", organizationID = "organization_id", models
        case modelAliases = "model_aliases", members, maxBudget = "max_budget", softBudget = "soft_budget"
        case budgetDuration = "budget_duration", spend, tpmLimit = "tpm_limit", rpmLimit = "rpm_limit"
        case maxParallelRequests = "max_parallel_requests", blocked, metadata, teamMemberPermissions = "team_member_permissions"
        case createdAt = "created_at", updatedAt = "updated_at"
    }
}

/// A user's place in a team, with the member's own budget inside it.
public struct TeamMember: Codable, Sendable, Hashable {
    public enum Role: String, Codable, Sendable, Hashable {
        /// Manages the team: members, keys, team models.
        case admin
        case user
    }

    public var userID: String
    public var role: Role
    /// The member's own budget within the team (LiteLLM's team member budget).
    public var maxBudget: Double?
    /// The member's own limits within the team.
    public var tpmLimit: Int?
    public var rpmLimit: Int?
    public var spend: Double
    /// A shared budget object (``BudgetRecord``, LiteLLM's team membership `budget_id`) whose limits the member is
    /// held to within the team, each set field over the member's own.
    public var budgetID: String?

    public init(
        userID: String, role: Role = .user, maxBudget: Double? = nil, tpmLimit: Int? = nil, rpmLimit: Int? = nil, spend: Double = 0,
        budgetID: String? = nil
    ) {
        self.userID = userID
        self.role = role
        self.maxBudget = maxBudget
        self.tpmLimit = tpmLimit
        self.rpmLimit = rpmLimit
        self.spend = spend
        self.budgetID = budgetID
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", role, maxBudget = "max_budget", tpmLimit = "tpm_limit", rpmLimit = "rpm_limit", spend, budgetID = "budget_id"
    }
}
