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
    public var createdAt: Double
    public var updatedAt: Double

    public init(
        organizationID: String, organizationAlias: String? = nil, models: [String] = [], maxBudget: Double? = nil, spend: Double = 0,
        tpmLimit: Int? = nil, rpmLimit: Int? = nil, blocked: Bool = false, metadata: JSON = .object([:]), createdAt: Double, updatedAt: Double
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
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case organizationID = "organization_id", organizationAlias = "organization_alias", models, maxBudget = "max_budget", spend
        case tpmLimit = "tpm_limit", rpmLimit = "rpm_limit", blocked, metadata, createdAt = "created_at", updatedAt = "updated_at"
    }
}
