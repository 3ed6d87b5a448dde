/// A caller an auth plugin verified without a virtual key (a JWT from the company's identity provider): who it is and
/// which gateway objects it names, before those objects are looked up and checked.
///
/// An ``IdentityResolver`` (the `virtual-keys` plugin's directory) turns it into a ``Principal`` with the same
/// common checks a virtual key gets: team, user and organization exist (or are created when `upsert…` says so) and
/// are not blocked, model access over team, personal user and organization (access groups, wildcards, aliases),
/// allowed routes, budgets and rate limits at every level, the team's tool allowlist and guardrails.
public struct ExternalIdentity: Sendable, Hashable {
    /// A stable, non-secret name for logs (`jwt:<sub>`); becomes ``Principal/subject``.
    public var subject: String
    /// The role the token's claims grant (admin scope, role mapping); nil leaves it to the user's stored role.
    public var role: Principal.Role?
    /// The gateway user the token names.
    public var userID: String?
    /// The user's email, stored on a user created by ``upsertUser``.
    public var userEmail: String?
    /// The teams the token names, in its order; the first that may use the requested model is the caller's team.
    public var teamIDs: [String]
    /// The organization the token names.
    public var organizationID: String?
    /// The end user (LiteLLM's customer) the token names; the request's `user` field wins when both are given.
    public var endUserID: String?
    /// Create the user when it does not exist (`user_id_upsert`); otherwise an unknown user is a 401.
    public var upsertUser: Bool
    /// Create the teams when they do not exist (`team_id_upsert`); otherwise an unknown team is a 401.
    public var upsertTeam: Bool
    /// The routes the caller may call (LiteLLM's route names and groups, as a key's `allowed_routes`); empty admits all.
    public var allowedRoutes: [String]

    public init(
        subject: String, role: Principal.Role? = nil, userID: String? = nil, userEmail: String? = nil, teamIDs: [String] = [],
        organizationID: String? = nil, endUserID: String? = nil, upsertUser: Bool = false, upsertTeam: Bool = false,
        allowedRoutes: [String] = []
    ) {
        self.subject = subject
        self.role = role
        self.userID = userID
        self.userEmail = userEmail
        self.teamIDs = teamIDs
        self.organizationID = organizationID
        self.endUserID = endUserID
        self.upsertUser = upsertUser
        self.upsertTeam = upsertTeam
        self.allowedRoutes = allowedRoutes
    }
}
