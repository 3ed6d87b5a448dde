/// An organization (`/organization/new`): the outermost budget and model list; teams belong to one.
public struct OrganizationRecord: Codable, Sendable, Hashable {
    public var organizationID: String
    public var organizationAlias: String?
    public var models: [String]
    public var maxBudget: Double?
    public var spend: Double
    public var tpmLimit: Int?
    public var rpmLimit: Int?
    public var blocked: Bool
    public var metadata: JSON
    /// LiteLLM's organization memberships (`/organization/member_add`).
    public var members: [OrganizationMember]
    public var createdAt: Double
    public var updatedAt: Double

    public init(
        organizationID: String, organizationAlias: String? = nil, models: [String] = [], maxBudget: Double? = nil, spend: Double = 0,
        tpmLimit: Int? = nil, rpmLimit: Int? = nil, blocked: Bool = false, metadata: JSON = .object([:]), members: [OrganizationMember] = [],
        createdAt: Double, updatedAt: Double
    ) {
        self.organizationID = organizationID
        self.organizationAlias = organizationAlias
        self.models = models
        self.maxBudget = maxBudget
        self.spend = spend
        self.tpmLimit = tpmLimit
        self.rpmLimit = rpmLimit
        self.blocked = blocked
        self.metadata = metadata
        self.members = members
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case organizationID = "organization_id", organizationAlias = "organization_alias", models, maxBudget = "max_budget", spend
        case tpmLimit = "tpm_limit", rpmLimit = "rpm_limit", blocked, metadata, members, createdAt = "created_at", updatedAt = "updated_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        organizationID = try container.decode(String.self, forKey: .organizationID)
        organizationAlias = try container.decodeIfPresent(String.self, forKey: .organizationAlias)
        models = try container.decodeIfPresent([String].self, forKey: .models) ?? []
        maxBudget = try container.decodeIfPresent(Double.self, forKey: .maxBudget)
        spend = try container.decodeIfPresent(Double.self, forKey: .spend) ?? 0
        tpmLimit = try container.decodeIfPresent(Int.self, forKey: .tpmLimit)
        rpmLimit = try container.decodeIfPresent(Int.self, forKey: .rpmLimit)
        blocked = try container.decodeIfPresent(Bool.self, forKey: .blocked) ?? false
        metadata = try container.decodeIfPresent(JSON.self, forKey: .metadata) ?? .object([:])
        // Rows written before memberships existed have none.
        members = try container.decodeIfPresent([OrganizationMember].self, forKey: .members) ?? []
        createdAt = try container.decode(Double.self, forKey: .createdAt)
        updatedAt = try container.decode(Double.self, forKey: .updatedAt)
    }
}

/// A user's membership of an organization, as LiteLLM's: a role and an optional budget within the organization.
public struct OrganizationMember: Codable, Sendable, Hashable {
    /// LiteLLM's organization roles.
    public enum Role: String, Codable, Sendable, CaseIterable {
        case orgAdmin = "org_admin", internalUser = "internal_user", internalUserViewer = "internal_user_viewer"
    }

    public var userID: String
    public var userEmail: String?
    public var role: Role
    /// Kept and returned, not enforced yet (as ``budgetID``).
    public var maxBudgetInOrganization: Double?
    /// A shared budget object (``BudgetRecord``, LiteLLM's organization membership `budget_id`). Kept, checked to
    /// exist and returned; no request is held to it yet, as no organization member budget is enforced.
    public var budgetID: String?

    public init(userID: String, userEmail: String? = nil, role: Role, maxBudgetInOrganization: Double? = nil, budgetID: String? = nil) {
        self.userID = userID
        self.userEmail = userEmail
        self.role = role
        self.maxBudgetInOrganization = maxBudgetInOrganization
        self.budgetID = budgetID
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id", userEmail = "user_email", role = "user_role", maxBudgetInOrganization = "max_budget_in_organization"
        case budgetID = "budget_id"
    }
}
