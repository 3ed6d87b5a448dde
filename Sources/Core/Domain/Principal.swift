/// Who is calling: what an auth hook turns a credential into.
///
/// Later hooks (budget, tool allowlist, guardrails, routing) read it from ``GatewayRequest/principal``.
public struct Principal: Sendable, Hashable {
    /// How much the caller may administer (LiteLLM's user roles).
    public enum Role: String, Sendable, Hashable, Codable {
        /// The master key or a proxy admin: every route, every model.
        case admin
        /// A proxy admin viewer: reads every management route, writes none.
        case adminViewer = "admin_viewer"
        /// A virtual key or an anonymous caller: LLM routes within its model access.
        case user
        /// An internal user viewer: reads its own objects, calls no LLM route.
        case userViewer = "user_viewer"

        /// Whether the role may read every management route.
        public var readsEverything: Bool { self == .admin || self == .adminViewer }
    }

    /// A stable, non-secret identifier for logs (`master_key`, a key's hash, `anonymous`).
    public var subject: String
    public var role: Role
    /// SHA-256 hex of the virtual key, when the caller used one.
    public var keyHash: String?
    public var keyAlias: String?
    public var userID: String?
    public var teamID: String?
    public var organizationID: String?
    public var projectID: String?
    /// The request's `user` field (LiteLLM's end user / customer).
    public var endUserID: String?
    /// Public model names (or access groups, wildcards) this caller may use; empty means every model.
    public var allowedModels: [String]
    /// Free-form metadata of the key, for plugins (`allowed_tools`, tags, ...).
    public var metadata: JSON
    /// The metadata of the key's team (its `allowed_tools` apply when the key names none); `{}` without a team.
    public var teamMetadata: JSON = .object([:])
    /// Guardrails the key and its team ask for (their `guardrails` fields, key first, each once).
    public var guardrails: [String] = []
    /// Every scope the caller's spend counts against that has limits (key, personal user, team, team member,
    /// organization, project, end user), for budget plugins. The auth hook fills it from the cached records.
    public var budgets: [ScopedLimits] = []
    /// The model an alias of the caller's key or team resolved the request's `model` to; the pipeline routes to it.
    public var resolvedModel: String?

    public init(
        subject: String, role: Role, keyHash: String? = nil, keyAlias: String? = nil, userID: String? = nil, teamID: String? = nil,
        organizationID: String? = nil, projectID: String? = nil, endUserID: String? = nil, allowedModels: [String] = [],
        metadata: JSON = .object([:])
    ) {
        self.subject = subject
        self.role = role
        self.keyHash = keyHash
        self.keyAlias = keyAlias
        self.userID = userID
        self.teamID = teamID
        self.organizationID = organizationID
        self.projectID = projectID
        self.endUserID = endUserID
        self.allowedModels = allowedModels
        self.metadata = metadata
    }

    /// The caller when no auth plugin is enabled (an open gateway, as LiteLLM without a master key).
    public static let anonymous = Principal(subject: "anonymous", role: .user)
}
