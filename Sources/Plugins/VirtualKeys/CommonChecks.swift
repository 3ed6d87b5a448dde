import GatewayCore

/// LiteLLM's common checks over a caller's objects, shared by every way in: a virtual key
/// (``VirtualKeyAuthenticator``) and an identity another auth plugin verified, such as a JWT
/// (``DirectoryIdentityResolver``).
///
/// For the objects already found and checked to exist and not be blocked, it decides allowed routes, the end user
/// (blocked or not, and its budget), model access over key, team, personal user, project and organization
/// (``AccessCheck``: access groups, wildcards, aliases), and fills the principal's budgets at every level, model
/// list, tool-allowlist metadata and guardrails. The key-level parts apply only when `objects.key` is set.
struct CommonChecks {
    let directory: IdentityDirectory

    /// The checked principal.
    /// - Parameters:
    ///   - objects: the caller's key (if any), team, user, project and organization, found and checked already.
    ///   - subject: the principal's name for logs.
    ///   - allowedRoutes: the routes the caller may call (a key's `allowed_routes`); empty admits every route.
    ///   - endUserID: the end user (the request's `user`, else one the identity names).
    /// - Throws: 403 `route_not_allowed`, `end_user_blocked` or a model-access denial with LiteLLM's `type`.
    func principal(
        objects: AccessObjects, request: GatewayRequest, role: Principal.Role, subject: String, allowedRoutes: [String], endUserID: String?
    ) async throws -> Principal {
        let key = objects.key
        var resolvedModel: String?
        let catalog = directory.models.catalog
        let teamID = objects.team?.teamID
        let deployments = { (name: String) in catalog.deployments(for: name, teamID: teamID) }

        try KeyRouteNames.check(request, allowed: allowedRoutes)
        let endUser = try await checkEndUser(endUserID)
        if let model = request.model {
            if role == .userViewer {
                throw GatewayError.forbidden("An internal_user_viewer may not call LLM routes.", code: "route_not_allowed")
            }
            let graph = await directory.membership.graph()
            let decision = AccessCheck(groups: graph).check(model: model, objects: objects, deployments: deployments)
            if let error = decision.gatewayError { throw error }
            let resolved = ModelAccessPolicy.resolveAlias(
                model, keyAliases: key?.settings.aliases ?? [:], teamAliases: objects.team?.modelAliases ?? [:])
            if resolved.isAlias { resolvedModel = resolved.resolved }
        }

        var principal = Principal(
            subject: subject, role: role, keyHash: key?.keyHash, keyAlias: key?.keyAlias, userID: objects.user?.userID ?? key?.userID,
            teamID: teamID, organizationID: objects.organization?.organizationID, projectID: objects.project?.projectID ?? key?.settings.projectID,
            endUserID: endUserID, allowedModels: await allowedModels(objects, catalog: catalog, requested: request.model),
            metadata: key?.metadata ?? .object([:]))
        principal.resolvedModel = resolvedModel
        principal.budgets = BudgetScopes.of(objects, memberBudget: try await memberBudget(objects), endUser: endUser, endUserID: endUserID)
        principal.teamMetadata = objects.team?.metadata ?? .object([:])
        principal.guardrails = Self.guardrails(key: key, team: objects.team)
        return principal
    }

    /// Whether `team` may use the request's model (true for a request without one): how a caller naming several
    /// teams picks the one it acts for.
    func teamAdmits(_ team: TeamRecord, organization: OrganizationRecord?, request: GatewayRequest) async -> Bool {
        guard let model = request.model else { return true }
        let catalog = directory.models.catalog
        let graph = await directory.membership.graph()
        let objects = AccessObjects(team: team, organization: organization)
        return AccessCheck(groups: graph).check(model: model, objects: objects, deployments: { catalog.deployments(for: $0, teamID: team.teamID) })
            .gatewayError == nil
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

    /// The shared budget object the user's membership of the team names (`budget_id`), read through the
    /// directory's cache, so a `/budget/update` reaches every member naming it at once; nil when the membership
    /// names none (no read at all) or the budget was deleted under it (a race with `/budget/delete`, which refuses
    /// while one names it), which leaves the member's own limits.
    private func memberBudget(_ objects: AccessObjects) async throws -> BudgetRecord? {
        guard let team = objects.team, let userID = objects.user?.userID,
            let budgetID = team.members.first(where: { $0.userID == userID })?.budgetID
        else { return nil }
        return try await directory.entity(BudgetRecord.self, .budget, id: budgetID)
    }

    /// What `/v1/models` lists: `[]` (every model) when no level restricts, else exactly the allowed names; a caller
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
    private static func guardrails(key: VirtualKeyRecord?, team: TeamRecord?) -> [String] {
        let teamGuardrails = team?.metadata["guardrails"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var seen = Set<String>()
        return ((key?.settings.guardrails ?? []) + teamGuardrails).filter { seen.insert($0).inserted }
    }
}
