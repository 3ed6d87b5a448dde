/// The objects behind a caller whose model lists all apply: its key, the key's team, the user (for a personal
/// key), the organization and the project. A nil object is a level that does not apply.
public struct AccessObjects: Sendable {
    /// The stored properties, behind one reference (``CopiedOnWrite``): five records held across the auth hook's
    /// store reads would otherwise take a kilobyte of every request's task frame.
    private struct Fields: Sendable {
        var key: VirtualKeyRecord?
        var team: TeamRecord?
        var user: UserRecord?
        var organization: OrganizationRecord?
        var project: ProjectRecord?
    }

    @CopiedOnWrite private var fields: Fields

    /// The virtual key: `models`, `settings.accessGroupIDs` and `settings.aliases` apply.
    public var key: VirtualKeyRecord? {
        get { fields.key }
        _modify { yield &fields.key }
    }
    /// The key's team: `models` and `modelAliases` apply.
    public var team: TeamRecord? {
        get { fields.team }
        _modify { yield &fields.team }
    }
    /// The key's user. Its `models` apply only to a personal key (no team), as in LiteLLM.
    public var user: UserRecord? {
        get { fields.user }
        _modify { yield &fields.user }
    }
    /// The key's (or its team's) organization.
    public var organization: OrganizationRecord? {
        get { fields.organization }
        _modify { yield &fields.organization }
    }
    /// The key's project.
    public var project: ProjectRecord? {
        get { fields.project }
        _modify { yield &fields.project }
    }

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
        _fields = CopiedOnWrite(wrappedValue: Fields(key: key, team: team, user: user, organization: organization, project: project))
    }

    /// The key's aliases, or none.
    var keyAliases: [String: String] { key?.settings.aliases ?? [:] }
    /// The team's model aliases, or none.
    var teamAliases: [String: String] { team?.modelAliases ?? [:] }
}
