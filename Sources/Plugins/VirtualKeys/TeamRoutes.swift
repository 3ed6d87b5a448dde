import GatewayCore

/// `/team/*`: teams, their members and models (LiteLLM's team management endpoints).
///
/// Creating, deleting, blocking and unblocking a team take a proxy admin. Updates, members and models take a
/// proxy admin or an admin member of that team; a team admin cannot change the team's budgets, limits,
/// organization or block. Reads take an admin or viewer, or a member of the team.
struct TeamRoutes {
    let directory: IdentityDirectory

    var routes: [AdminRoute] {
        [
            AdminRoute(.post, "/team/new", access: .admin) { try await create($0) },
            AdminRoute(.post, "/team/update", access: .authenticated) { try await update($0) },
            AdminRoute(.post, "/team/delete", access: .admin) { try await delete($0) },
            AdminRoute(.get, "/team/info", access: .authenticated) { try await info($0) },
            AdminRoute(.get, "/team/list", access: .authenticated) { try await list($0) },
            AdminRoute(.post, "/team/member_add", access: .authenticated) { try await addMembers($0) },
            AdminRoute(.post, "/team/member_delete", access: .authenticated) { try await deleteMember($0) },
            AdminRoute(.post, "/team/member_update", access: .authenticated) { try await updateMember($0) },
            AdminRoute(.post, "/team/block", access: .admin) { try await setBlocked($0, true) },
            AdminRoute(.post, "/team/unblock", access: .admin) { try await setBlocked($0, false) },
            AdminRoute(.post, "/team/model/add", access: .authenticated) { try await changeModels($0, add: true) },
            AdminRoute(.post, "/team/model/delete", access: .authenticated) { try await changeModels($0, add: false) },
        ]
    }

    private func create(_ request: AdminRequest) async throws -> JSON {
        let id = try IdentityDirectory.newID("team_id", in: request.body)
        let now = ManagementSupport.now
        let base: JSON = [
            "team_id": .string(id), "models": [], "model_aliases": [:], "members": [], "spend": 0, "blocked": false, "metadata": [:],
            "created_at": .double(now), "updated_at": .double(now),
        ]
        // LiteLLM's clients send explicit nulls for fields they leave unset.
        let body = MetadataRules.foldingObjectPermission(request.body, currentMetadata: nil).droppingNulls(of: TeamRecord.nonOptionalFields)
        var team = try IdentityDirectory.overlay(TeamRecord.self, base: base, body: body, fields: TeamRecord.writableFields)
        try team.checkMemberPermissions()
        try TeamMemberRequest.checkRanges(body["members_with_roles"], field: "members_with_roles")
        let members = try ManagementSupport.decode(TeamMembersRequest.self, from: body).membersWithRoles ?? []
        try await requireOrganization(team.organizationID)
        for (index, member) in members.enumerated() {
            try await directory.requireBudget(member.budgetID, param: "members_with_roles[\(index)].budget_id")
        }
        var memberIDs: [String] = []
        for member in members {
            memberIDs.append(
                try await directory.memberUserID(
                    userID: member.userID, email: member.userEmail, field: "members_with_roles.user_id", by: request.principal))
        }
        team.members = zip(members, memberIDs).map { $0.member($1) }
        if Set(memberIDs).count != memberIDs.count {
            throw GatewayError.badRequest("Invalid request: members_with_roles lists a user twice.", param: "members_with_roles")
        }
        var document = try await directory.create(.team, id: id, record: team, by: request.principal, label: "Team")
        for member in team.members { try await syncUser(member.userID, team: id, joined: true, by: request.principal) }
        document["members_with_roles"] = document["members"]
        return document
    }

    private func update(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("team_id", in: request)
        let (team, before) = try await directory.load(TeamRecord.self, .team, id: id, label: "Team")
        try authorizeManage(request.principal, team)
        // A null leaves a field that cannot be empty as it is (`"models": null` must not widen the team to every
        // model); it clears an optional one (`"organization_id": null`).
        let body = MetadataRules.foldingObjectPermission(request.body, currentMetadata: before["metadata"])
            .droppingNulls(of: TeamRecord.nonOptionalFields)
        if request.principal.role != .admin, let field = body.objectValue?.keys.sorted().first(where: TeamRecord.adminOnlyFields.contains) {
            throw GatewayError.forbidden("Only a proxy admin may change a team's '\(field)'.", code: "team_admin_only_field")
        }
        let updated = try IdentityDirectory.overlay(TeamRecord.self, base: before, body: body, fields: TeamRecord.writableFields)
        try MetadataRules.checkChanges(by: request.principal, before: before["metadata"], after: updated.metadata)
        try updated.checkMemberPermissions()
        if updated.organizationID != team.organizationID { try await requireOrganization(updated.organizationID) }
        var document = try await directory.replace(.team, id: id, before: before, record: updated, by: request.principal, label: "Team")
        // LiteLLM answers `{"team_id", "data": team}`; the team's fields stay at the top level too.
        document["data"] = document
        return document
    }

    private func delete(_ request: AdminRequest) async throws -> JSON {
        let ids = try IdentityDirectory.idList("team_ids", in: request.body)
        var teams: [TeamRecord] = []
        for id in ids { teams.append(try await directory.load(TeamRecord.self, .team, id: id, label: "Team").0) }
        let deleted = try await directory.removeAll(.team, field: "team_ids", in: request.body, by: request.principal, label: "Team")
        for team in teams {
            for member in team.members { try await syncUser(member.userID, team: team.teamID, joined: false, by: request.principal) }
        }
        return ["deleted_teams": .array(deleted.map { .string($0) })]
    }

    private func info(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("team_id", in: request)
        let (team, document) = try await directory.load(TeamRecord.self, .team, id: id, label: "Team")
        // A key of the team may read it too (a service key has no user).
        guard request.principal.role.readsEverything || team.isMember(request.principal.userID) || request.principal.teamID == id else {
            throw GatewayError.forbidden("Only an admin or a member of team '\(id)' may read it.", code: "team_member_required")
        }
        return try await TeamInfo(directory: directory).response(team, document: document)
    }

    /// `GET /team/list?organization_id=&page=&size=`: an array, as LiteLLM; one page of it when paged. Members
    /// who are not admins see their own teams. Each team's `spend` is its counter's, as on `/team/info`.
    private func list(_ request: AdminRequest) async throws -> JSON {
        let paging = try Paging.optional(request.query)
        let reference = request.query["organization_id"].map { EntityReference(.organizationID, $0) }
        let documents: [JSON]
        if request.principal.role.readsEverything {
            documents = try await Paging.entities(directory.store, .team, where: reference, paging: paging).arrayValue ?? []
        } else {
            let teams = try await directory.all(TeamRecord.self, .team, where: reference).filter { $0.isMember(request.principal.userID) }
            let visible = paging.map { Array($0.slice(teams)) } ?? teams
            documents = try visible.map { try JSON(encoding: $0) }
        }
        var listed: [JSON] = []
        for var team in documents {
            if let id = team["team_id"]?.stringValue { try await SpendOverlay(store: directory.store).apply(SpendScope(.team, id), to: &team) }
            listed.append(team)
        }
        return .array(listed)
    }

    private func addMembers(_ request: AdminRequest) async throws -> JSON {
        try ManagementSupport.checkRanges(request.body, only: ["max_budget_in_team"])
        try TeamMemberRequest.checkRanges(request.body["member"], field: "member")
        let add = try ManagementSupport.decode(TeamMemberAddRequest.self, from: request.body)
        let (team, before) = try await directory.load(TeamRecord.self, .team, id: add.teamID, label: "Team")
        try authorizeManage(request.principal, team)
        for member in add.members { try await directory.requireBudget(member.budgetID, param: "member.budget_id") }
        var updated = team
        var added: [String] = []
        for member in add.members {
            let userID = try await directory.memberUserID(
                userID: member.userID, email: member.userEmail, field: "member.user_id", by: request.principal)
            if updated.isMember(userID) {
                throw GatewayError.badRequest("User '\(userID)' is already a member of team '\(team.teamID)'.", code: "already_exists")
            }
            updated.members.append(member.member(userID, defaultBudget: add.maxBudgetInTeam))
            added.append(userID)
        }
        let document = try await directory.replace(.team, id: team.teamID, before: before, record: updated, by: request.principal, label: "Team")
        for userID in added { try await syncUser(userID, team: team.teamID, joined: true, by: request.principal) }
        return document
    }

    /// `POST /team/member_update` (LiteLLM's): a member's `role`, `max_budget_in_team`, `tpm_limit`, `rpm_limit`,
    /// `budget_id`; the member named by `user_id` or `user_email`. Fields left out (or null) keep their value, but for
    /// `budget_id`, which a null clears (as `/customer/update` does).
    private func updateMember(_ request: AdminRequest) async throws -> JSON {
        let body = request.body.droppingNulls(of: ["role", "max_budget_in_team", "tpm_limit", "rpm_limit"])
        try ManagementSupport.checkRanges(body, only: ["max_budget_in_team", "tpm_limit", "rpm_limit"])
        let id = try ManagementSupport.requiredString("team_id", in: request)
        var (team, before) = try await directory.load(TeamRecord.self, .team, id: id, label: "Team")
        try authorizeManage(request.principal, team)
        let change = try ManagementSupport.decode(TeamMemberRequest.self, from: body)
        var memberID = change.userID
        if memberID == nil, let email = change.userEmail { memberID = try await directory.userID(forEmail: email) }
        let index = memberID.flatMap { userID in team.members.firstIndex { $0.userID == userID } }
        guard change.userID != nil || change.userEmail != nil else {
            throw GatewayError.badRequest("Name the member with 'user_id' or 'user_email'.", param: "user_id")
        }
        guard let index else {
            throw GatewayError.notFound("'\(change.userID ?? change.userEmail ?? "")' is not a member of team '\(id)'.")
        }
        if let role = change.role { team.members[index].role = role }
        if let budget = change.maxBudget { team.members[index].maxBudget = budget }
        if let tpm = change.tpmLimit { team.members[index].tpmLimit = tpm }
        if let rpm = change.rpmLimit { team.members[index].rpmLimit = rpm }
        if body["budget_id"] != nil {
            try await directory.requireBudget(change.budgetID, param: "budget_id")
            team.members[index].budgetID = change.budgetID
        }
        return try await directory.replace(.team, id: id, before: before, record: team, by: request.principal, label: "Team")
    }

    private func deleteMember(_ request: AdminRequest) async throws -> JSON {
        let id = try ManagementSupport.requiredString("team_id", in: request)
        let userID = try ManagementSupport.requiredString("user_id", in: request)
        let (team, before) = try await directory.load(TeamRecord.self, .team, id: id, label: "Team")
        try authorizeManage(request.principal, team)
        guard team.isMember(userID) else { throw GatewayError.notFound("User '\(userID)' is not a member of team '\(id)'.") }
        var updated = team
        updated.members.removeAll { $0.userID == userID }
        let document = try await directory.replace(.team, id: id, before: before, record: updated, by: request.principal, label: "Team")
        try await syncUser(userID, team: id, joined: false, by: request.principal)
        return document
    }

    private func setBlocked(_ request: AdminRequest, _ blocked: Bool) async throws -> JSON {
        let id = try ManagementSupport.requiredString("team_id", in: request)
        var (team, before) = try await directory.load(TeamRecord.self, .team, id: id, label: "Team")
        team.blocked = blocked
        return try await directory.replace(.team, id: id, before: before, record: team, by: request.principal, label: "Team")
    }

    private func changeModels(_ request: AdminRequest, add: Bool) async throws -> JSON {
        let change = try ManagementSupport.decode(TeamModelsRequest.self, from: request.body)
        var (team, before) = try await directory.load(TeamRecord.self, .team, id: change.teamID, label: "Team")
        try authorizeManage(request.principal, team)
        if add {
            team.models += change.models.filter { !team.models.contains($0) }
        } else {
            let remaining = team.models.filter { !change.models.contains($0) }
            // An empty list means every model: removing the last model must not widen access.
            if remaining.isEmpty, !team.models.isEmpty {
                throw GatewayError.badRequest(
                    "Removing every model from team '\(team.teamID)' would give it access to all models; leave at least one.", param: "models")
            }
            team.models = remaining
        }
        return try await directory.replace(.team, id: team.teamID, before: before, record: team, by: request.principal, label: "Team")
    }

    // MARK: Helpers

    private func authorizeManage(_ principal: Principal, _ team: TeamRecord) throws {
        guard principal.role == .admin || team.isAdmin(principal.userID) else {
            throw GatewayError.forbidden("Only a proxy admin or an admin of team '\(team.teamID)' may change it.", code: "team_admin_required")
        }
    }

    private func requireOrganization(_ id: String?) async throws {
        guard let id else { return }
        guard try await directory.exists(.organization, id: id) else {
            throw GatewayError.notFound("Organization '\(id)' does not exist.", param: "organization_id")
        }
    }

    /// Keeps the user's `teams` list in step with team membership; an unknown user is created as an
    /// `internal_user`, as LiteLLM does on `/team/member_add`.
    private func syncUser(_ userID: String, team teamID: String, joined: Bool, by principal: Principal) async throws {
        // One read-change-write in the store: concurrent team writes naming one new user create it once and keep
        // every team in its list (a check-then-insert failed all but one with `already_exists`).
        let now = ManagementSupport.now
        _ = try await directory.store.changeEntity(
            .user, id: userID,
            change: { before in
                guard let before else {
                    guard joined else { return nil }
                    return try JSON(encoding: UserRecord(userID: userID, teams: [teamID], createdAt: now, updatedAt: now))
                }
                var user = try before.decode(UserRecord.self)
                guard user.teams.contains(teamID) != joined else { return nil }
                if joined { user.teams.append(teamID) } else { user.teams.removeAll { $0 == teamID } }
                var document = try JSON(encoding: user)
                document["updated_at"] = .double(now)
                return document
            },
            audit: { before, after in
                AuditLogEntry(
                    by: principal, before == nil ? .created : .updated, objectType: EntityKind.user.rawValue, objectID: userID, before: before,
                    after: after)
            })
        directory.invalidate(.user, id: userID)
    }
}
