/// A model access group stored in the database (`/access_group/new`). Members are model names or other groups'
/// names (groups nest); config.yaml's `model_info.access_groups` define groups too.
public struct AccessGroupRecord: Codable, Sendable, Hashable {
    public var groupID: String
    public var members: [String]
    /// LiteLLM's `model_ids` as given: deployments whose model names were added to ``members``.
    public var modelIDs: [String]?
    public var description: String?
    public var createdAt: Double
    public var updatedAt: Double

    public init(groupID: String, members: [String], modelIDs: [String]? = nil, description: String? = nil, createdAt: Double, updatedAt: Double) {
        self.groupID = groupID
        self.members = members
        self.modelIDs = modelIDs
        self.description = description
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case groupID = "access_group_id", members = "access_model_names", modelIDs = "model_ids", description, createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
