import GatewayCore

/// What the policy registry holds at one moment: every stored version and every attachment, indexed for the
/// request path. Built whole from the versions and attachments, so no index can disagree with another.
struct PolicySnapshot: Sendable {
    /// Every version, by its id.
    let byID: [String: PolicyVersion]
    /// The production version of each policy that has one, by name.
    let production: [String: PolicyVersion]
    /// The shadow version of each policy that has one, by name.
    let shadow: [String: PolicyVersion]
    let attachments: [PolicyAttachment]

    init(versionsByName: [String: [PolicyVersion]], attachments: [PolicyAttachment]) {
        var byID: [String: PolicyVersion] = [:]
        var production: [String: PolicyVersion] = [:]
        var shadow: [String: PolicyVersion] = [:]
        for version in versionsByName.values.joined() {
            byID[version.id] = version
            if version.status == .production { production[version.name] = version }
            if version.shadow, version.status == .published { shadow[version.name] = version }
        }
        self.byID = byID
        self.production = production
        self.shadow = shadow
        self.attachments = attachments
    }

    static let empty = PolicySnapshot(versionsByName: [:], attachments: [])
}
