import GatewayCore

/// The common checks for a caller another auth plugin verified (a JWT): its objects are read through the
/// directory's cache and checked as a key's are, then ``CommonChecks`` builds the principal, so budgets, model
/// access, routes, the tool allowlist, guardrails and spend attribution work exactly as for a virtual key.
///
/// - The user must exist, unless `upsertUser` (then it is created, with the email, as an `internal_user`); its stored
///   role applies when the token's claims grant none.
/// - The team is the first of `teamIDs` that exists (or is created with `upsertTeam`), is not blocked and may use
///   the requested model; when none may, the first existing team's denial is the answer (403, as for a key).
/// - The organization must exist and not be blocked.
/// - A proxy admin (by claim or by the users table) administers: no model or route restriction, spend still
///   attributed to its user and team.
struct DirectoryIdentityResolver: IdentityResolver {
    let directory: IdentityDirectory

    func principal(for identity: ExternalIdentity, request: GatewayRequest) async throws -> Principal {
        var objects = AccessObjects()
        if let userID = identity.userID {
            objects.user = try await user(userID, identity: identity)
        }
        if let organizationID = identity.organizationID {
            guard let organization = try await directory.entity(OrganizationRecord.self, .organization, id: organizationID) else {
                throw Self.reject("Authentication Error - the token's organization (\(organizationID)) does not exist.", "organization_not_found")
            }
            if organization.blocked { throw Self.reject("Organization=\(organizationID) is blocked.", "organization_blocked") }
            objects.organization = organization
        }
        let role = identity.role ?? VirtualKeyAuthenticator.role(of: objects.user)
        objects.team = try await team(for: identity, organization: objects.organization, request: request, role: role)
        if objects.organization == nil, let organizationID = objects.team?.organizationID {
            objects.organization = try await directory.entity(OrganizationRecord.self, .organization, id: organizationID)
        }
        let endUserID = request.endUser ?? identity.endUserID
        if role == .admin {
            // As the master key: every route and model; the caller's objects still name whom the spend counts for.
            var principal = Principal(
                subject: identity.subject, role: .admin, userID: objects.user?.userID, teamID: objects.team?.teamID,
                organizationID: objects.organization?.organizationID, endUserID: endUserID)
            principal.teamMetadata = objects.team?.metadata ?? .object([:])
            return principal
        }
        return try await CommonChecks(directory: directory).principal(
            objects: objects, request: request, role: role, subject: identity.subject, allowedRoutes: identity.allowedRoutes,
            endUserID: endUserID)
    }

    /// The user, created when the identity says to upsert it.
    private func user(_ userID: String, identity: ExternalIdentity) async throws -> UserRecord {
        if let user = try await directory.entity(UserRecord.self, .user, id: userID) { return user }
        guard identity.upsertUser else {
            throw Self.reject(
                "Authentication Error - user '\(userID)' does not exist; create it with /user/new or set litellm_jwtauth.user_id_upsert.",
                "user_not_found")
        }
        let now = ManagementSupport.now
        let email = identity.userEmail
        _ = try await directory.store.changeEntity(
            .user, id: userID,
            change: { before in
                guard before == nil else { return nil }
                return try JSON(encoding: UserRecord(userID: userID, userEmail: email, createdAt: now, updatedAt: now))
            },
            audit: { _, after in
                AuditLogEntry(
                    by: Self.upserter(identity), .created, objectType: EntityKind.user.rawValue, objectID: userID, before: nil, after: after)
            })
        directory.invalidate(.user, id: userID)
        guard let user = try await directory.entity(UserRecord.self, .user, id: userID) else {
            throw Self.reject("Authentication Error - user '\(userID)' could not be created.", "user_not_found")
        }
        return user
    }

    /// The team the caller acts for (nil when the identity names none).
    private func team(
        for identity: ExternalIdentity, organization: OrganizationRecord?, request: GatewayRequest, role: Principal.Role
    ) async throws -> TeamRecord? {
        guard !identity.teamIDs.isEmpty else { return nil }
        var first: TeamRecord?
        for teamID in identity.teamIDs {
            guard let team = try await existingTeam(teamID, identity: identity) else { continue }
            if team.blocked {
                if identity.teamIDs.count == 1 {
                    throw Self.reject("Team=\(teamID) is blocked. Update via `/team/unblock` if you're an admin.", "team_blocked")
                }
                continue
            }
            if first == nil { first = team }
            if role == .admin { return team }
            if await CommonChecks(directory: directory).teamAdmits(team, organization: organization, request: request) { return team }
        }
        guard let first else {
            let names = identity.teamIDs.joined(separator: ", ")
            throw Self.reject("Authentication Error - none of the token's teams (\(names)) exists or is unblocked.", "team_not_found")
        }
        // No team may use the model: the first one's check answers with its denial.
        return first
    }

    private func existingTeam(_ teamID: String, identity: ExternalIdentity) async throws -> TeamRecord? {
        if let team = try await directory.entity(TeamRecord.self, .team, id: teamID) { return team }
        guard identity.upsertTeam else { return nil }
        let now = ManagementSupport.now
        _ = try await directory.store.changeEntity(
            .team, id: teamID,
            change: { before in
                guard before == nil else { return nil }
                return try JSON(encoding: TeamRecord(teamID: teamID, createdAt: now, updatedAt: now))
            },
            audit: { _, after in
                AuditLogEntry(
                    by: Self.upserter(identity), .created, objectType: EntityKind.team.rawValue, objectID: teamID, before: nil, after: after)
            })
        directory.invalidate(.team, id: teamID)
        return try await directory.entity(TeamRecord.self, .team, id: teamID)
    }

    /// Who the audit row of an upsert names: the token's subject.
    private static func upserter(_ identity: ExternalIdentity) -> Principal {
        Principal(subject: identity.subject, role: .user)
    }

    private static func reject(_ message: String, _ code: String) -> GatewayError {
        var error = GatewayError.unauthorized(message)
        error.code = code
        return error
    }
}
