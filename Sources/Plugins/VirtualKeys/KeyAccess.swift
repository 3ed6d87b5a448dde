import GatewayCore

/// Who may manage which key, as LiteLLM: a proxy admin any key; a team admin (a member of the key's team with
/// role `admin`) the keys of that team; an internal user their own personal keys (no team). Viewers write none.
struct KeyAccess {
    let directory: IdentityDirectory

    /// - Throws: 403 unless `principal` may change `key`.
    func authorizeWrite(_ principal: Principal, _ key: VirtualKeyRecord) async throws {
        guard try await mayWrite(principal, key) else {
            throw GatewayError.forbidden(
                "Only a proxy admin, an admin of the key's team, or the owner of a personal key may change this key.", code: "key_access_denied")
        }
    }

    /// - Throws: 403 unless `principal` may read `key`: readers of everything, the key itself, and whoever may
    ///   change it.
    func authorizeRead(_ principal: Principal, _ key: VirtualKeyRecord) async throws {
        if principal.role.readsEverything || principal.keyHash == key.keyHash { return }
        if principal.role == .userViewer, let userID = principal.userID, key.userID == userID { return }
        guard try await mayWrite(principal, key) else {
            throw GatewayError.forbidden("This key may only read its own key information.", code: "key_access_denied")
        }
    }

    private func mayWrite(_ principal: Principal, _ key: VirtualKeyRecord) async throws -> Bool {
        if principal.role == .admin { return true }
        guard principal.role == .user, let userID = principal.userID else { return false }
        if let teamID = key.teamID {
            guard let team = try await directory.store.team(id: teamID) else { return false }
            return team.members.contains { $0.userID == userID && $0.role == .admin }
        }
        return key.userID == userID
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
