import GatewayCore

/// Maps a verified token's claims to the gateway identity it names, as LiteLLM's `litellm_jwtauth` settings say.
///
/// - Admin: the `admin_jwt_scope` in the token's scopes (`scope`, space-separated, or `scp`, a list as Entra ID
///   issues it), or a role that `jwt_litellm_role_map` maps to `proxy_admin`.
/// - Roles: with `user_roles_jwt_field`, the token must hold one of `user_allowed_roles` (when set), else 403; a
///   role `jwt_litellm_role_map` names sets the principal's role (the strongest wins).
/// - Objects: user (`user_id_jwt_field`), email, teams (`team_id_jwt_field`, then the `team_ids_jwt_field` list,
///   then `team_id_default`), organization, end user. A configured user or team field the token lacks (and no
///   `team_id_default`) is a 401 naming the claim, so a token never silently runs without the team it should
///   have been held to.
struct ClaimMapper: Sendable {
    let settings: JWTAuthSettings

    /// - Throws: 401 `jwt_missing_claim`, 403 `jwt_role_not_allowed` or `jwt_email_domain_not_allowed`.
    func identity(from claims: JSON) throws -> ExternalIdentity {
        let subject = ClaimPath("sub").string(in: claims) ?? settings.userIDField.flatMap { $0.string(in: claims) } ?? "unknown"
        var identity = ExternalIdentity(
            subject: "jwt:" + subject.prefix(128), upsertUser: settings.userIDUpsert, upsertTeam: settings.teamIDUpsert,
            allowedRoutes: settings.teamAllowedRoutes)
        identity.role = try role(claims)
        if let field = settings.userIDField {
            guard let userID = field.string(in: claims) else { throw JWTAuthError.missingClaim(field.raw) }
            identity.userID = userID
        }
        if let field = settings.userEmailField {
            identity.userEmail = field.string(in: claims)
            if let domain = settings.userAllowedEmailDomain {
                guard let email = identity.userEmail?.lowercased(), email.hasSuffix("@" + domain.lowercased()) else {
                    throw JWTAuthError.emailDomainNotAllowed(domain)
                }
            }
        }
        var teams: [String] = []
        if let id = settings.teamIDField?.string(in: claims) { teams.append(id) }
        if let ids = settings.teamIDsField?.strings(in: claims) { teams += ids.filter { !$0.isEmpty && !teams.contains($0) } }
        if teams.isEmpty, let fallback = settings.teamIDDefault { teams = [fallback] }
        if teams.isEmpty, identity.role != .admin, let field = settings.teamIDField ?? settings.teamIDsField {
            throw JWTAuthError.missingClaim(field.raw)
        }
        identity.teamIDs = teams
        identity.organizationID = settings.orgIDField?.string(in: claims)
        identity.endUserID = settings.endUserIDField?.string(in: claims)
        // team_allowed_routes holds a team's token (LiteLLM's name says so); a user's own token is held to what the
        // management API lets its role do, as a user's key is.
        if identity.role == .admin || teams.isEmpty { identity.allowedRoutes = [] }
        return identity
    }

    /// The role the claims grant, nil for none (the users table decides).
    private func role(_ claims: JSON) throws -> Principal.Role? {
        let scopes =
            (ClaimPath("scope").string(in: claims)?.split(separator: " ").map(String.init) ?? [])
            + (ClaimPath("scp").strings(in: claims) ?? [])
        if scopes.contains(settings.adminScope) { return .admin }
        guard let field = settings.userRolesField else { return nil }
        guard let roles = field.strings(in: claims) else {
            if settings.userAllowedRoles.isEmpty { return nil }
            throw JWTAuthError.missingClaim(field.raw)
        }
        if !settings.userAllowedRoles.isEmpty, !roles.contains(where: settings.userAllowedRoles.contains) {
            throw JWTAuthError.roleNotAllowed(field.raw)
        }
        let mapped = roles.compactMap { settings.roleMap[$0] }
        return Self.strongest(mapped)
    }

    private static func strongest(_ roles: [Principal.Role]) -> Principal.Role? {
        let order: [Principal.Role] = [.admin, .adminViewer, .user, .userViewer]
        return order.first(where: roles.contains)
    }
}
