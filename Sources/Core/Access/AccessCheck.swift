/// Model access across every level of a caller: key, team, user (personal keys), project, organization. Every
/// level that applies must allow the model; the first that does not is named in the denial.
///
/// Each level reads its list with ``ModelAccessPolicy`` (empty = all, `*`, `all-proxy-models`, wildcards,
/// provider prefix, access groups). On top of that, as LiteLLM:
/// - key: `models` plus `access_group_ids` (the groups' models, nested); both empty allows every model.
///   LiteLLM treats an empty `models` as "all" even when `access_group_ids` is set; Tollgate restricts such a key
///   to its groups (fail closed);
/// - key and project: `all-team-models` allows what the team's list allows (nothing without a team);
/// - user: applies only when there is no team (a personal key); `no-default-models` denies every model, with
///   LiteLLM's type `key_model_access_denied`;
///
/// A team's own model (``Deployment/teamID``; `deployments` must be the team's view, see
/// ``ModelCatalog/deployments(for:teamID:)``) passes the team level without being listed; the other levels apply.
///
/// Aliases: the model is first resolved (key `aliases`, then team `model_aliases`, one step). Every level checks
/// the resolved name, the model actually called. The object that defined the alias, and the objects inside it,
/// also accept the requested name: a key alias at the key level; a team alias at the key, team and project
/// levels. An organization always checks the resolved name, so an alias cannot reach past an object's owner.
/// LiteLLM instead checks the raw name everywhere, and lets any team alias pass the key, team and org lists
/// unchecked; that let a team widen its organization's list, and made key aliases unusable.
public struct AccessCheck: Sendable {
    /// The access groups lists may name.
    public var groups: AccessGroupGraph

    /// Creates a check over the given access groups.
    /// - Parameter groups: the resolved access groups (from ``AccessGroupMembership``).
    public init(groups: AccessGroupGraph) {
        self.groups = groups
    }

    /// Decides whether `objects` may use `model`.
    /// - Parameters:
    ///   - model: the model name the client sent.
    ///   - objects: the caller's key, team, user, organization and project.
    ///   - deployments: the deployments a public model name routes to (for wildcard provider-prefix matches).
    /// - Returns: ``AccessDecision/allowed``, or the first level that denies.
    public func check(model: String, objects: AccessObjects, deployments: (String) -> [Deployment] = { _ in [] }) -> AccessDecision {
        let name = ModelAccessPolicy.resolveAlias(model, keyAliases: objects.keyAliases, teamAliases: objects.teamAliases)
        let resolvedDeployments = deployments(name.resolved)
        let requestedDeployments = name.isAlias ? deployments(name.requested) : resolvedDeployments
        let context = Context(name: name, resolvedDeployments: resolvedDeployments, requestedDeployments: requestedDeployments, team: objects.team)

        if let key = objects.key {
            let list = key.settings.accessGroupIDs.isEmpty ? key.models : key.models + key.settings.accessGroupIDs
            if !allows(list, acceptsRequested: name.isAlias, defersToTeam: true, context) { return deny(.key, list: list, id: nil, name) }
        }
        if let team = objects.team, !Self.teamOwns(team, context.resolvedDeployments),
            !allows(team.models, acceptsRequested: name.source == .teamAlias, context)
        {
            return deny(.team, list: team.models, id: team.teamID, name)
        }
        if objects.team == nil, let user = objects.user {
            if user.models.contains(ModelAccessPolicy.noDefaultModels) {
                return .denied(
                    objectType: Level.user.rawValue, errorType: "key_model_access_denied",
                    message: "User not allowed to access model. No default model access, only team models allowed. \(tried(name))")
            }
            if !allows(user.models, acceptsRequested: false, context) { return deny(.user, list: user.models, id: user.userID, name) }
        }
        if let project = objects.project, !allows(project.models, acceptsRequested: name.source == .teamAlias, defersToTeam: true, context) {
            return deny(.project, list: project.models, id: project.projectID, name)
        }
        if let organization = objects.organization, !allows(organization.models, acceptsRequested: false, context) {
            return deny(.organization, list: organization.models, id: organization.organizationID, name)
        }
        return .allowed
    }

    /// The subset of `modelNames` that `objects` may use, in order: what `/v1/models` lists.
    /// - Parameters:
    ///   - modelNames: the gateway's public model names.
    ///   - objects: the caller's objects.
    ///   - deployments: the deployments of a public model name.
    /// - Returns: the names ``check(model:objects:deployments:)`` allows.
    public func accessibleModels(_ modelNames: [String], objects: AccessObjects, deployments: (String) -> [Deployment] = { _ in [] }) -> [String] {
        modelNames.filter { check(model: $0, objects: objects, deployments: deployments).isAllowed }
    }

    /// Whether the model is the team's own (added with `model_info.team_id`): the team's list need not name it.
    private static func teamOwns(_ team: TeamRecord, _ deployments: [Deployment]) -> Bool {
        !deployments.isEmpty && deployments.allSatisfy { $0.teamID == team.teamID }
    }

    /// The levels, named as the denial's `objectType`.
    enum Level: String {
        case key, team, user, organization, project

        /// LiteLLM's error type for a denial at this level.
        var errorType: String {
            switch self {
            case .organization: "org_model_access_denied"
            default: "\(rawValue)_model_access_denied"
            }
        }
    }

    /// What every level's check needs, computed once per call.
    private struct Context {
        var name: ResolvedModel
        var resolvedDeployments: [Deployment]
        var requestedDeployments: [Deployment]
        var team: TeamRecord?
    }

    /// Whether one level's list allows the resolved name (or, when `acceptsRequested`, the requested name).
    /// With `defersToTeam` (key and project), `all-team-models` allows what the team's list allows, read with the
    /// same names; the team's own list is read without deferring again.
    private func allows(_ list: [String], acceptsRequested: Bool, defersToTeam: Bool = false, _ context: Context) -> Bool {
        if list.isEmpty { return true }
        if ModelAccessPolicy.allows(list, model: context.name.resolved, deployments: context.resolvedDeployments, groups: groups) {
            return true
        }
        if acceptsRequested, context.name.isAlias,
            ModelAccessPolicy.allows(list, model: context.name.requested, deployments: context.requestedDeployments, groups: groups)
        {
            return true
        }
        if defersToTeam, let team = context.team, list.contains(ModelAccessPolicy.allTeamModels) {
            return allows(team.models, acceptsRequested: acceptsRequested, context)
        }
        return false
    }

    /// A denial naming the level, its id (never a key's hash), the model and what the level may access.
    private func deny(_ level: Level, list: [String], id: String?, _ name: ResolvedModel) -> AccessDecision {
        let object = id.map { "This \(level.rawValue) (\($0))" } ?? "This \(level.rawValue)"
        let message =
            "\(level.rawValue) not allowed to access model. \(object) can only access models="
            + "\(ModelAccessPolicy.describe(list, groups: groups)). \(tried(name))"
        return .denied(objectType: level.rawValue, errorType: level.errorType, message: message)
    }

    /// `Tried to access X.`, with the alias target when there is one.
    private func tried(_ name: ResolvedModel) -> String {
        name.isAlias ? "Tried to access \(name.requested) (alias of \(name.resolved))." : "Tried to access \(name.requested)."
    }
}
