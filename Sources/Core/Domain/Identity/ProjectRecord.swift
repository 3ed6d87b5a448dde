/// A project: a unit of work inside a team (or organization) with its own models, budget and block switch.
public struct ProjectRecord: Codable, Sendable, Hashable {
    public var projectID: String
    public var projectAlias: String?
    public var teamID: String?
    public var organizationID: String?
    public var models: [String]
    public var maxBudget: Double?
    public var spend: Double
    public var blocked: Bool
    public var metadata: JSON
    public var createdAt: Double
    public var updatedAt: Double

    public init(
        projectID: String, projectAlias: String? = nil, teamID: String? = nil, organizationID: String? = nil, models: [String] = [],
        maxBudget: Double? = nil, spend: Double = 0, blocked: Bool = false, metadata: JSON = .object([:]), createdAt: Double, updatedAt: Double
    ) {
        self.projectID = projectID
        self.projectAlias = projectAlias
        self.teamID = teamID
        self.organizationID = organizationID
        self.models = models
        self.maxBudget = maxBudget
        self.spend = spend
        self.blocked = blocked
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case projectID = "project_id", projectAlias = "project_alias", teamID = "team_id", organizationID = "organization_id", models
        case maxBudget = "max_budget", spend, blocked, metadata, createdAt = "created_at", updatedAt = "updated_at"
    }
}
