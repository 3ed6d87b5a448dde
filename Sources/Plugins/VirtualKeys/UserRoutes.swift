import GatewayCore

/// `/user/*`: users, their roles, personal models and budgets (LiteLLM's internal user endpoints).
///
/// Writes take a proxy admin; `/user/info` takes an admin or viewer, or the user reading itself. A user's
/// `teams` and the teams' member lists are kept in step.
struct UserRoutes {
    let directory: IdentityDirectory

    var routes: [AdminRoute] {
        [
            AdminRoute(.post, "/user/new", access: .admin) { try await create($0) },
            AdminRoute(.post, "/user/update", access: .admin) { try await update($0) },
            AdminRoute(.post, "/user/delete", access: .admin) { try await delete($0) },
            AdminRoute(.get, "/user/info", access: .authenticated) { try await info($0) },
            AdminRoute(.get, "/user/list", access: .adminOrViewer) { try await list($0) },
        ]
    }

    static let writableFields: Set<String> = [
        "user_email", "user_role", "teams", "organization_id", "models", "max_budget", "soft_budget", "budget_duration", "tpm_limit",
        "rpm_limit", "max_parallel_requests", "metadata",
    ]

    private func create(_ request: AdminRequest) async throws -> JSON {
        let id = try IdentityDirectory.newID("user_id", in: request.body)
        try Self.checkRole(request.body)
        let now = ManagementSupport.now
        let base: JSON = [
            "user_id": .string(id), "user_role": "internal_user", "teams": [], "models": [], "spend": 0, "metadata": [:],
            "created_at": .double(now), "updated_at": .double(now),
        ]
        var user = try IdentityDirectory.overlay(UserRecord.self, base: base, body: request.body, fields: Self.writableFields)
        user.teams = unique(user.teams)
        try await requireReferences(user)
        // As LiteLLM, a new user gets a key (its `key` and `token_id` in the answer) unless `auto_create_key` is false.
        // Its fields are checked before the user is written, so a bad one leaves nothing behind.
        var keyRequest: AdminRequest?
        if request.body["auto_create_key"]?.boolValue != false {
            var keyFor = request
            keyFor.body = ["user_id": .string(id)]
            for field in ["key_alias", "duration", "models"] where request.body[field] != nil { keyFor.body[field] = request.body[field] }
            _ = try KeyRequest.decode(keyFor.body)
            keyRequest = keyFor
        }
        var document = try await directory.create(.user, id: id, record: user, by: request.principal, label: "User")
        try await syncTeams(user: id, from: [], to: user.teams, by: request.principal)
        if let keyRequest {
            let key = try await KeyRoutes(directory: directory).generate(keyRequest)
            document["key"] = key["key"]
            document["token_id"] = key["token_id"]
        }
        return document
    }

    private func update(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("user_id", in: request)
        try Self.checkRole(request.body)
        let (user, before) = try await directory.load(UserRecord.self, .user, id: id, label: "User")
        var updated = try IdentityDirectory.overlay(UserRecord.self, base: before, body: request.body, fields: Self.writableFields)
        updated.teams = unique(updated.teams)
        try await requireReferences(updated)
        let document = try await directory.replace(.user, id: id, before: before, record: updated, by: request.principal, label: "User")
        try await syncTeams(user: id, from: user.teams, to: updated.teams, by: request.principal)
        return document
    }

    private func delete(_ request: AdminRequest) async throws -> JSON {
        let ids = try IdentityDirectory.idList("user_ids", in: request.body)
        var users: [UserRecord] = []
        for id in ids { users.append(try await directory.load(UserRecord.self, .user, id: id, label: "User").0) }
        let deleted = try await directory.removeAll(.user, field: "user_ids", in: request.body, by: request.principal, label: "User")
        for user in users { try await syncTeams(user: user.userID, from: user.teams, to: [], by: request.principal) }
        return ["deleted_users": .array(deleted.map { .string($0) })]
    }

    private func info(_ request: AdminRequest) async throws -> JSON {
        let principal = request.principal
        let id = request.query["user_id"].flatMap { $0.isEmpty ? nil : $0 } ?? principal.userID
        guard let id else { throw GatewayError.badRequest("The 'user_id' field is required.", param: "user_id") }
        guard principal.role.readsEverything || principal.userID == id else {
            throw GatewayError.forbidden("Only an admin or the user '\(id)' may read it.", code: "user_self_required")
        }
        var (user, document) = try await directory.load(UserRecord.self, .user, id: id, label: "User")
        try await SpendOverlay(store: directory.store).apply(SpendScope(.user, id), to: &document)
        var teams: [JSON] = []
        for team in user.teams {
            if let found = try await directory.store.entity(.team, id: team) { teams.append(found) }
        }
        return ["user_id": .string(id), "user_info": document, "teams": .array(teams)]
    }

    /// `GET /user/list?page=&page_size=&role=&team_id=`: LiteLLM's shape (`users`, `total`, `page`, `page_size`,
    /// `total_pages`); `page_size` 1...100, default 25. Without filters the store pages and counts.
    private func list(_ request: AdminRequest) async throws -> JSON {
        let paging = try Paging.parse(request.query, sizeName: "page_size", defaultSize: 25)
        let role = request.query["role"], team = request.query["team_id"]
        let pageUsers: [JSON]
        let total: Int
        if role == nil, team == nil {
            pageUsers = try await directory.store.listEntities(.user, where: nil, limit: paging.size, offset: paging.offset)
            total = try await directory.store.countEntities(.user, where: nil)
        } else {
            var users = try await directory.all(UserRecord.self, .user)
            if let role { users = users.filter { $0.userRole.rawValue == role } }
            if let team { users = users.filter { $0.teams.contains(team) } }
            pageUsers = try paging.slice(users).map { try JSON(encoding: $0) }
            total = users.count
        }
        return [
            "users": .array(pageUsers), "total": .int(total), "page": .int(paging.page), "page_size": .int(paging.size),
            "total_pages": .int(paging.totalPages(total)),
        ]
    }

    // MARK: Helpers

    /// A clearer 400 than the decoder's for a role outside LiteLLM's four.
    static func checkRole(_ body: JSON) throws {
        guard let value = body["user_role"], !value.isNull else { return }
        let roles = UserRecord.Role.allCases.map(\.rawValue)
        guard let role = value.stringValue, roles.contains(role) else {
            throw GatewayError.badRequest("Invalid request: user_role must be one of \(roles.joined(separator: ", ")).", param: "user_role")
        }
    }

    static func positiveInt(_ name: String, _ query: [String: String], default value: Int) throws -> Int {
        guard let text = query[name] else { return value }
        guard let number = Int(text), number > 0 else {
            throw GatewayError.badRequest("Invalid request: \(name) must be a positive integer.", param: name)
        }
        return number
    }

    private func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    private func requireReferences(_ user: UserRecord) async throws {
        for team in user.teams {
            guard try await directory.exists(.team, id: team) else { throw GatewayError.notFound("Team '\(team)' does not exist.", param: "teams") }
        }
        if let organization = user.organizationID, !(try await directory.exists(.organization, id: organization)) {
            throw GatewayError.notFound("Organization '\(organization)' does not exist.", param: "organization_id")
        }
    }

    /// Adds the user (role `user`) to teams it joined and removes it from teams it left.
    private func syncTeams(user userID: String, from old: [String], to new: [String], by principal: Principal) async throws {
        for teamID in Set(old).symmetricDifference(new).sorted() {
            guard let before = try await directory.store.entity(.team, id: teamID) else { continue }
            var team = try before.decode(TeamRecord.self)
            let joined = new.contains(teamID)
            guard team.isMember(userID) != joined else { continue }
            if joined { team.members.append(TeamMember(userID: userID)) } else { team.members.removeAll { $0.userID == userID } }
            _ = try await directory.replace(.team, id: teamID, before: before, record: team, by: principal, label: "Team")
        }
    }
}
