import GatewayCore

/// The auth hook: a bearer credential shaped like a JWT is verified (``TokenVerifier``), its claims mapped
/// (``ClaimMapper``) and the identity checked as a virtual key's objects are (``IdentityResolver``, from the
/// `virtual-keys` plugin). Anything that is not a JWT is "not mine" (nil), so keys and the master key keep working
/// beside it.
///
/// Without a plugin that owns users and teams (config-only mode) the principal carries the claims' user, team and
/// role as they are, with no objects to check.
struct JWTAuthenticator: AuthHook {
    let verifier: TokenVerifier
    let mapper: ClaimMapper
    let identities: IdentityResolvers

    func authenticate(_ request: GatewayRequest) async throws -> Principal? {
        guard let credential = request.credential, TokenVerifier.looksLikeJWT(credential) else { return nil }
        let claims = try await verifier.verify(credential)
        let identity = try mapper.identity(from: claims)
        if let resolver = identities.current { return try await resolver.principal(for: identity, request: request) }
        return Principal(
            subject: identity.subject, role: identity.role ?? .user, userID: identity.userID, teamID: identity.teamIDs.first,
            organizationID: identity.organizationID, endUserID: request.endUser ?? identity.endUserID)
    }
}
