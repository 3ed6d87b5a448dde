/// One management write: who changed what, and the object before and after. Secrets are never in `before` or
/// `after` (keys appear as their hash, provider credentials as `********`).
public struct AuditLogEntry: Codable, Sendable, Hashable {
    public enum Action: String, Codable, Sendable, Hashable {
        case created, updated, deleted
    }

    public var id: String
    /// Seconds since 1970.
    public var timestamp: Double
    /// The principal's subject (`master_key`, a user id, a key hash).
    public var changedBy: String
    public var action: Action
    /// `key`, `team`, `user`, `organization`, `project`, `end_user`, `access_group`, `model`.
    public var objectType: String
    public var objectID: String
    public var before: JSON?
    public var after: JSON?

    public init(
        id: String, timestamp: Double, changedBy: String, action: Action, objectType: String, objectID: String, before: JSON?, after: JSON?
    ) {
        self.id = id
        self.timestamp = timestamp
        self.changedBy = changedBy
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.before = before
        self.after = after
    }

    enum CodingKeys: String, CodingKey {
        case id, timestamp, changedBy = "changed_by", action, objectType = "object_type", objectID = "object_id", before, after
    }
}
