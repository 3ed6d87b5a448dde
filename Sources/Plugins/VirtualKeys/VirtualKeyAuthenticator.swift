import Foundation
import GatewayCore

/// The auth hook for virtual keys: the credential's SHA-256 names a stored key, read through the directory's
/// cache (a hit costs no store read).
///
/// An unknown credential is "not mine" (nil), so a later hook such as `master-key-auth` may know it. A known key
/// is rejected with 401 when it is blocked or expired, when its team, user, project or organization no longer
/// exists, or when its team or project is blocked (the object named). For an LLM request (one with a `model`)
/// the key's `allowed_routes` and model access (LiteLLM's common checks over key, team, personal user, project
/// and organization; ``AccessCheck``) are decided here: a denial is a 403 with LiteLLM's error `type`.
///
/// A request whose `user` names a blocked end user is a 403 `end_user_blocked`.
///
/// When the store cannot be reached, what the directory has cached is used even past its TTL; what it would have
/// to look up throws ``StoreError/unavailable(_:)``, which the pipeline answers with 503 `storage_unavailable`:
/// never a 401, since the key may be valid (see ``IdentityDirectory``).
///
/// An alias (key `aliases`, team `model_aliases`) is resolved for the check; the resolved name is handed on in
/// ``Principal/resolvedModel``, which the pipeline routes to.
struct VirtualKeyAuthenticator: AuthHook {
    let directory: IdentityDirectory

    init(directory: IdentityDirectory) {
        self.directory = directory
    }

    func authenticate(_ request: GatewayRequest) async throws -> Principal? {
        guard let credential = request.credential, !credential.isEmpty else { return nil }
        let hash = Secrets.sha256Hex(credential)
        guard let key = try await directory.key(hash: hash) else { return nil }
        let objects = try await validObjects(of: key)
        let role = Self.role(of: objects.user)
        let metadata = key.metadata
        var resolvedModel: String?
        let catalog = directory.models.catalog
        let deployments = { (name: String) in catalog.deployments(for: name, teamID: key.teamID) }

        try KeyRouteNames.check(request, allowed: key.settings.allowedRoutes)
        let endUser = try await checkEndUser(request.endUser)
        if let model = request.model {
            if role == .userViewer {
                throw GatewayError.forbidden("An internal_user_viewer may not call LLM routes.", code: "route_not_allowed")
            }
            let graph = await directory.membership.graph()
            let decision = AccessCheck(groups: graph).check(model: model, objects: objects, deployments: deployments)
            if let error = decision.gatewayError { throw error }
            let resolved = ModelAccessPolicy.resolveAlias(model, keyAliases: key.settings.aliases, teamAliases: objects.team?.modelAliases ?? [:])
            if resolved.isAlias { resolvedModel = resolved.resolved }
        }

        var principal = Principal(
            subject: "key:" + hash.prefix(12), role: role, keyHash: hash, keyAlias: key.keyAlias, userID: key.userID, teamID: key.teamID,
            organizationID: objects.organization?.organizationID, projectID: key.settings.projectID, endUserID: request.endUser,
            allowedModels: await allowedModels(objects, catalog: catalog, requested: request.model), metadata: metadata)
        principal.resolvedModel = resolvedModel
        principal.budgets = BudgetScopes.of(objects, memberBudget: try await memberBudget(objects), endUser: endUser, endUserID: request.endUser)
        principal.teamMetadata = objects.team?.metadata ?? .object([:])
        principal.guardrails = Self.guardrails(key: key, team: objects.team)
        return principal
    }

    // MARK: Objects

    /// The key's team, user, project and organization, each checked: missing or blocked objects reject the key.
    private func validObjects(of key: VirtualKeyRecord) async throws -> AccessObjects {
        if key.blocked { throw Self.reject("Authentication Error - key is blocked. Update via `/key/unblock` if you're an admin.", "key_blocked") }
        if let expiresAt = key.expiresAt, expiresAt < Date().timeIntervalSince1970 {
            throw Self.reject("Authentication Error - key expired at \(Self.iso8601(expiresAt)).", "key_expired")
        }
        var objects = AccessObjects(key: key)
        if let teamID = key.teamID {
            guard let team = try await directory.entity(TeamRecord.self, .team, id: teamID) else {
                throw Self.reject("Authentication Error - the key's team (\(teamID)) no longer exists.", "team_not_found")
            }
            if team.blocked { throw Self.reject("Team=\(teamID) is blocked. Update via `/team/unblock` if you're an admin.", "team_blocked") }
            objects.team = team
        }
        if let userID = key.userID {
            guard let user = try await directory.entity(UserRecord.self, .user, id: userID) else {
                throw Self.reject("Authentication Error - the key's user (\(userID)) no longer exists.", "user_not_found")
            }
            objects.user = user
        }
        if let projectID = key.settings.projectID {
            guard let project = try await directory.entity(ProjectRecord.self, .project, id: projectID) else {
                throw Self.reject("Authentication Error - the key's project (\(projectID)) no longer exists.", "project_not_found")
            }
            if project.blocked {
                throw Self.reject("Project=\(projectID) is blocked. Update via `/project/update` if you're an admin.", "project_blocked")
            }
            objects.project = project
        }
        if let organizationID = key.settings.organizationID ?? objects.team?.organizationID {
            guard let organization = try await directory.entity(OrganizationRecord.self, .organization, id: organizationID) else {
                throw Self.reject("Authentication Error - the key's organization (\(organizationID)) no longer exists.", "organization_not_found")
            }
            objects.organization = organization
        }
        return objects
    }

    /// Refuses a request whose `user` names a blocked end user (`/customer/block`). Read through the directory's
    /// cache: a hit, including "no such end user", costs no store read. Unknown end users are allowed.
    /// - Returns: the end user's record, for its budget, with its shared budget object's limits (`budget_id`, read
    ///   through the same cache) laid over its own; nil when unknown.
    /// - Throws: 403 `end_user_blocked` naming the end user.
    private func checkEndUser(_ endUser: String?) async throws -> EndUserRecord? {
        guard let endUser, !endUser.isEmpty else { return nil }
        guard let customer = try await directory.entity(EndUserRecord.self, .endUser, id: endUser) else { return nil }
        guard customer.blocked else {
            // A budget deleted under a customer (a race with /budget/delete, which refuses while one refers to it)
            // leaves the customer's own limits.
            guard let budgetID = customer.budgetID else { return customer }
            return customer.heldTo(try await directory.entity(BudgetRecord.self, .budget, id: budgetID))
        }
        throw GatewayError.forbidden(
            "End user '\(endUser)' is blocked. Update via `/customer/unblock` if you're an admin.", code: "end_user_blocked")
    }

    /// The shared budget object the key user's membership of the key's team names (`budget_id`), read through the
    /// directory's cache, so a `/budget/update` reaches every member naming it at once; nil when the membership
    /// names none (no read at all) or the budget was deleted under it (a race with `/budget/delete`, which refuses
    /// while one names it), which leaves the member's own limits.
    private func memberBudget(_ objects: AccessObjects) async throws -> BudgetRecord? {
        guard let team = objects.team, let userID = objects.user?.userID,
            let budgetID = team.members.first(where: { $0.userID == userID })?.budgetID
        else { return nil }
        return try await directory.entity(BudgetRecord.self, .budget, id: budgetID)
    }

    /// What `/v1/models` lists: `[]` (every model) when no level restricts, else exactly the allowed names; a key
    /// that may use none gets `no-default-models`, which names no model, so nothing is listed (an empty list
    /// would mean "all"). The names are the catalog's and those wildcard deployments served so far, plus the
    /// requested model (it passed the access check already), which a wildcard deployment may serve for the first
    /// time.
    private func allowedModels(_ objects: AccessObjects, catalog: ModelCatalog, requested: String?) async -> [String] {
        let personalUser = objects.team == nil ? objects.user : nil
        let lists = [
            objects.key?.models ?? [], objects.key?.settings.accessGroupIDs ?? [], objects.team?.models ?? [], personalUser?.models ?? [],
            objects.project?.models ?? [], objects.organization?.models ?? [],
        ]
        if lists.allSatisfy(\.isEmpty) { return [] }
        let graph = await directory.membership.graph()
        let teamID = objects.team?.teamID
        var candidates = catalog.modelNames(teamID: teamID)
        // Only with wildcard deployments configured: without them this costs nothing per request.
        let served = catalog.hasWildcards ? directory.models.wildcardNamesServed + [requested].compactMap(\.self) : []
        for name in served where catalog.isServedByWildcard(name, teamID: teamID) {
            if !candidates.contains(name) { candidates.append(name) }
        }
        let names = AccessCheck(groups: graph).accessibleModels(
            candidates, objects: objects, deployments: { catalog.deployments(for: $0, teamID: teamID) })
        return names.isEmpty ? [ModelAccessPolicy.noDefaultModels] : names
    }

    /// The key's guardrails, then the team's (`guardrails` in the team's metadata, as LiteLLM stores them), each once.
    private static func guardrails(key: VirtualKeyRecord, team: TeamRecord?) -> [String] {
        let teamGuardrails = team?.metadata["guardrails"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var seen = Set<String>()
        return (key.settings.guardrails + teamGuardrails).filter { seen.insert($0).inserted }
    }

    // MARK: Roles

    /// The principal's role from the key's user (`proxy_admin` keys administer; keys without a user are users).
    static func role(of user: UserRecord?) -> Principal.Role {
        switch user?.userRole {
        case .proxyAdmin: .admin
        case .proxyAdminViewer: .adminViewer
        case .internalUserViewer: .userViewer
        case .internalUser, nil: .user
        }
    }

    private static func reject(_ message: String, _ code: String) -> GatewayError {
        var error = GatewayError.unauthorized(message)
        error.code = code
        return error
    }

    private static func iso8601(_ seconds: Double) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: seconds))
    }
}
