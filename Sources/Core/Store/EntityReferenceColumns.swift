/// The reference columns a store keeps next to an entity's document, copied from the document's top-level string
/// fields `team_id`, `user_id` and `organization_id` on every write (nil when absent or not a string), so every
/// store indexes the same values.
public struct EntityReferenceColumns: Sendable, Hashable {
    public let teamID: String?
    public let userID: String?
    public let organizationID: String?

    /// - Parameter document: the entity's JSON document.
    public init(_ document: JSON) {
        teamID = document[EntityReference.Field.teamID.rawValue]?.stringValue
        userID = document[EntityReference.Field.userID.rawValue]?.stringValue
        organizationID = document[EntityReference.Field.organizationID.rawValue]?.stringValue
    }
}
