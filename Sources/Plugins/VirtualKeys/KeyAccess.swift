import GatewayCore

/// Who may manage which key, as LiteLLM: a proxy admin any key; a team admin (a member of the key's team with
/// role `admin`) the keys of that team; a plain member of the team the key routes the team's
/// `team_member_permissions` name (by default `/key/info` and `/key/health`); an internal user their own personal
/// keys (no team). Viewers write none.
struct KeyAccess {
    let directory: IdentityDirectory

    private enum Decision {
        case allowed, denied
        /// A member of the key's team whose team does not let members call the route.
        case memberLacksPermission(team: String)
    }

    /// - Parameter route: the key route called (`/key/update`), for a team's `team_member_permissions`.
    /// - Throws: 401 `team_member_permission_error` for a team member the team does not let call `route` (as
    ///   LiteLLM), else 403 unless `principal` may change `key`.
    func authorizeWrite(_ principal: Principal, _ key: VirtualKeyRecord, route: String) async throws {
        switch try await decision(principal, key, route: route) {
        case .allowed: return
        case .memberLacksPermission(let team): throw Self.memberError(route, team: team)
        case .denied:
            throw GatewayError.forbidden(
                "Only a proxy admin, an admin of the key's team, or the owner of a personal key may change this key.", code: "key_access_denied")
        }
    }

    /// - Throws: 403 unless `principal` may read `key`: readers of everything, the key itself, and whoever may
    ///   change it or call `/key/info` for it.
    func authorizeRead(_ principal: Principal, _ key: VirtualKeyRecord) async throws {
        if principal.role.readsEverything || principal.keyHash == key.keyHash { return }
        if principal.role == .userViewer, let userID = principal.userID, key.userID == userID { return }
        switch try await decision(principal, key, route: "/key/info") {
        case .allowed: return
        case .memberLacksPermission(let team): throw Self.memberError("/key/info", team: team)
        case .denied: throw GatewayError.forbidden("This key may only read its own key information.", code: "key_access_denied")
        }
    }

    private func decision(_ principal: Principal, _ key: VirtualKeyRecord, route: String) async throws -> Decision {
        if principal.role == .admin { return .allowed }
        guard principal.role == .user, let userID = principal.userID else { return .denied }
        guard let teamID = key.teamID else { return key.userID == userID ? .allowed : .denied }
        guard let team = try await directory.store.team(id: teamID), let member = team.members.first(where: { $0.userID == userID }) else {
            return .denied
        }
        if member.role == .admin { return .allowed }
        let permissions = team.teamMemberPermissions ?? TeamRecord.defaultMemberPermissions
        return permissions.contains(route) ? .allowed : .memberLacksPermission(team: teamID)
    }

    private static func memberError(_ route: String, team: String) -> GatewayError {
        var error = GatewayError.unauthorized(
            "Team member does not have permission to call \(route) for team '\(team)': it is not in the team's team_member_permissions.")
        error.type = "team_member_permission_error"
        error.code = "team_member_permission_error"
        return error
    }

    /// The stored key a management request names (`key` or `token`, in the body or the query).
    /// - Throws: 400 when neither is given, 404 when no such key exists.
    func existingKey(_ request: AdminRequest) async throws -> VirtualKeyRecord {
        let value = request.body["key"]?.stringValue ?? request.body["token"]?.stringValue ?? request.query["key"] ?? request.query["token"]
        guard let value, !value.isEmpty else { throw GatewayError.badRequest("The 'key' field is required.", param: "key") }
        return try await existingKey(value)
    }

    /// The stored key named by a plain key or its hash. - Throws: 404 when absent.
    func existingKey(_ keyOrToken: String) async throws -> VirtualKeyRecord {
        guard let key = try await directory.store.key(hash: Secrets.keyHash(ofKeyOrToken: keyOrToken)) else {
            throw GatewayError.notFound("Key not found.", param: "key", code: "key_not_found")
        }
        return key
    }

    /// Checks that what a key refers to exists: team, user, organization, project, access groups.
    /// - Throws: 400 naming the first unknown reference.
    /// (A `user_id` that does not exist is not checked here: `/key/generate` creates the user, as LiteLLM does.)
    func validateReferences(_ key: VirtualKeyRecord) async throws {
        let store = directory.store
        if let teamID = key.teamID, try await store.team(id: teamID) == nil { throw unknown("team_id", teamID) }
        if let id = key.settings.organizationID, try await store.organization(id: id) == nil { throw unknown("organization_id", id) }
        if let id = key.settings.projectID, try await store.project(id: id) == nil { throw unknown("project_id", id) }
        if !key.settings.accessGroupIDs.isEmpty {
            let graph = await directory.membership.graph()
            if let group = key.settings.accessGroupIDs.first(where: { !graph.isGroup($0) }) { throw unknown("access_group_ids", group) }
        }
    }

    /// Checks that no other key has `key`'s alias (LiteLLM requires unique aliases across keys).
    /// - Throws: 400 `already_exists` naming `key_alias`.
    func requireUniqueAlias(_ key: VirtualKeyRecord) async throws {
        guard let alias = key.keyAlias else { return }
        if try await directory.store.keys(alias: alias).contains(where: { $0.keyHash != key.keyHash }) {
            throw GatewayError.badRequest(
                "Key with alias '\(alias)' already exists. Unique key aliases across all keys are required.", param: "key_alias",
                code: "already_exists")
        }
    }

    private func unknown(_ field: String, _ value: String) -> GatewayError {
        GatewayError.badRequest("Unknown \(field) '\(value)': it does not exist.", param: field)
    }
}
