/// The LiteLLM key fields beyond the core columns of ``VirtualKeyRecord``: limits, aliases, routes, groups.
/// Stored as one JSON document next to the key, so adding a field needs no migration.
public struct KeySettings: Codable, Sendable, Hashable {
    /// `sk-...abcd`: enough of the key for a person to recognise it, never enough to use it.
    public var keyName: String?
    public var organizationID: String?
    public var projectID: String?
    public var softBudget: Double?
    /// LiteLLM's duration strings (`30s`, `1h`, `1d`, `30d`).
    public var budgetDuration: String?
    public var tpmLimit: Int?
    public var rpmLimit: Int?
    public var maxParallelRequests: Int?
    /// Model name the caller sends → model it resolves to.
    public var aliases: [String: String]
    /// Routes this key may call (`/chat/completions`, `llm_api_routes`, ...); empty means the role's default.
    public var allowedRoutes: [String]
    public var accessGroupIDs: [String]
    public var guardrails: [String]
    public var createdBy: String?
    public var updatedAt: Double?

    public init(
        keyName: String? = nil, organizationID: String? = nil, projectID: String? = nil, softBudget: Double? = nil, budgetDuration: String? = nil,
        tpmLimit: Int? = nil, rpmLimit: Int? = nil, maxParallelRequests: Int? = nil, aliases: [String: String] = [:], allowedRoutes: [String] = [],
        accessGroupIDs: [String] = [], guardrails: [String] = [], createdBy: String? = nil, updatedAt: Double? = nil
    ) {
        self.keyName = keyName
        self.organizationID = organizationID
        self.projectID = projectID
        self.softBudget = softBudget
        self.budgetDuration = budgetDuration
        self.tpmLimit = tpmLimit
        self.rpmLimit = rpmLimit
        self.maxParallelRequests = maxParallelRequests
        self.aliases = aliases
        self.allowedRoutes = allowedRoutes
        self.accessGroupIDs = accessGroupIDs
        self.guardrails = guardrails
        self.createdBy = createdBy
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case keyName = "key_name", organizationID = "organization_id", projectID = "project_id", softBudget = "soft_budget"
        case budgetDuration = "budget_duration", tpmLimit = "tpm_limit", rpmLimit = "rpm_limit", maxParallelRequests = "max_parallel_requests"
        case aliases, allowedRoutes = "allowed_routes", accessGroupIDs = "access_group_ids", guardrails, createdBy = "created_by"
        case updatedAt = "updated_at"
    }

    /// Decodes leniently: every field is optional in storage, so a document written by an older build reads.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        keyName = try container.decodeIfPresent(String.self, forKey: .keyName)
        organizationID = try container.decodeIfPresent(String.self, forKey: .organizationID)
        projectID = try container.decodeIfPresent(String.self, forKey: .projectID)
        softBudget = try container.decodeIfPresent(Double.self, forKey: .softBudget)
        budgetDuration = try container.decodeIfPresent(String.self, forKey: .budgetDuration)
        tpmLimit = try container.decodeIfPresent(Int.self, forKey: .tpmLimit)
        rpmLimit = try container.decodeIfPresent(Int.self, forKey: .rpmLimit)
        maxParallelRequests = try container.decodeIfPresent(Int.self, forKey: .maxParallelRequests)
        aliases = try container.decodeIfPresent([String: String].self, forKey: .aliases) ?? [:]
        allowedRoutes = try container.decodeIfPresent([String].self, forKey: .allowedRoutes) ?? []
        accessGroupIDs = try container.decodeIfPresent([String].self, forKey: .accessGroupIDs) ?? []
        guardrails = try container.decodeIfPresent([String].self, forKey: .guardrails) ?? []
        createdBy = try container.decodeIfPresent(String.self, forKey: .createdBy)
        updatedAt = try container.decodeIfPresent(Double.self, forKey: .updatedAt)
    }
}
