/// Binds a policy (by name) to the requests it applies to.
///
/// `global` applies everywhere. Otherwise each non-empty list narrows the match and all of them must match
/// (teams AND keys AND models AND tags); within a list any entry matches, and entries may use `*` wildcards.
/// Keys match a key's alias or its hash; teams match the team id. Only a policy with a production version can be
/// attached.
public struct PolicyAttachment: Sendable, Hashable {
    public var id: String
    public var policyName: String
    public var global: Bool
    public var teams: [String]
    public var keys: [String]
    public var models: [String]
    public var tags: [String]
    public var createdAt: Double
    public var createdBy: String?

    public init(
        id: String, policyName: String, global: Bool = false, teams: [String] = [], keys: [String] = [], models: [String] = [],
        tags: [String] = [], createdAt: Double, createdBy: String? = nil
    ) {
        self.id = id
        self.policyName = policyName
        self.global = global
        self.teams = teams
        self.keys = keys
        self.models = models
        self.tags = tags
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    /// The scope lists as one JSON document (`{"teams": [...], ...}`), the form stores keep them in.
    public var scopeDocument: JSON {
        .object([
            "global": .bool(global), "teams": .array(teams.map(JSON.string)), "keys": .array(keys.map(JSON.string)),
            "models": .array(models.map(JSON.string)), "tags": .array(tags.map(JSON.string)),
        ])
    }

    /// Restores the scope lists from ``scopeDocument``.
    public mutating func setScope(from document: JSON) {
        func list(_ field: String) -> [String] { document[field]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        global = document["global"]?.boolValue ?? false
        teams = list("teams")
        keys = list("keys")
        models = list("models")
        tags = list("tags")
    }
}
