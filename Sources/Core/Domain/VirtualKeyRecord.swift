/// A stored virtual key. Holds the SHA-256 hex of the key, never the key itself.
public struct VirtualKeyRecord: Sendable, Hashable {
    public var keyHash: String
    public var keyAlias: String?
    public var userID: String?
    public var teamID: String?
    /// Models this key may call; empty means every model.
    public var models: [String]
    /// Spend in USD so far.
    public var spend: Double
    public var maxBudget: Double?
    public var blocked: Bool
    /// Seconds since 1970; nil never expires.
    public var expiresAt: Double?
    public var createdAt: Double
    public var metadata: JSON
    /// Every other LiteLLM key field (limits, aliases, routes, access groups).
    public var settings: KeySettings

    public init(
        keyHash: String, keyAlias: String? = nil, userID: String? = nil, teamID: String? = nil, models: [String] = [], spend: Double = 0,
        maxBudget: Double? = nil, blocked: Bool = false, expiresAt: Double? = nil, createdAt: Double, metadata: JSON = .object([:]),
        settings: KeySettings = KeySettings()
    ) {
        self.keyHash = keyHash
        self.keyAlias = keyAlias
        self.userID = userID
        self.teamID = teamID
        self.models = models
        self.spend = spend
        self.maxBudget = maxBudget
        self.blocked = blocked
        self.expiresAt = expiresAt
        self.createdAt = createdAt
        self.metadata = metadata
        self.settings = settings
    }
}
