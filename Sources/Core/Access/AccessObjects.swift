/// The objects behind a caller whose model lists all apply: its key, the key's team, the user (for a personal
/// key), the organization and the project. A nil object is a level that does not apply.
public struct AccessObjects: Sendable {
    /// The virtual key: `models`, `settings.accessGroupIDs` and `settings.aliases` apply.
    public var key: VirtualKeyRecord?
    /// The key's team: `models` and `modelAliases` apply.
    public var team: TeamRecord?
    /// The key's user. Its `models` apply only to a personal key (no team), as in LiteLLM.
    public var user: UserRecord?
    /// The key's (or its team's) organization.
    public var organization: OrganizationRecord?
    /// The key's project.
    public var project: ProjectRecord?

    /// Creates the set of objects; leave out the levels the caller has none of.
    /// - Parameters:
    ///   - key: the virtual key.
    ///   - team: the key's team.
    ///   - user: the key's user.
    ///   - organization: the organization.
    ///   - project: the project.
    public init(
        key: VirtualKeyRecord? = nil, team: TeamRecord? = nil, user: UserRecord? = nil, organization: OrganizationRecord? = nil,
        project: ProjectRecord? = nil
    ) {
        self.key = key
        self.team = team
        self.user = user
        self.organization = organization
        self.project = project
    }

    /// The key's aliases, or none.
    var keyAliases: [String: String] { key?.settings.aliases ?? [:] }
    /// The team's model aliases, or none.
    var teamAliases: [String: String] { team?.modelAliases ?? [:] }
}
