/// A model access group stored in the database (`/access_group/new`). Members are model names or other groups'
/// names (groups nest); config.yaml's `model_info.access_groups` define groups too.
public struct AccessGroupRecord: Codable, Sendable, Hashable {
    public var groupID: String
    public var members: [String]
    public var description: String?
    public var createdAt: Double
    public var updatedAt: Double

    public init(groupID: String, members: [String], description: String? = nil, createdAt: Double, updatedAt: Double) {
        self.groupID = groupID
        self.members = members
        self.description = description
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case groupID = "access_group_id", members = "access_model_names", description, createdAt = "created_at", updatedAt = "updated_at"
    }
}
