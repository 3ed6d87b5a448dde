/// One stored version of a named policy.
public struct PolicyVersion: Sendable, Hashable {
    /// The version's own id (LiteLLM's `policy_id`): every version of a policy has a different one.
    public var id: String
    public var name: String
    /// 1, 2, 3, ... per name, assigned by the store inside the transaction that creates the version.
    public var number: Int
    public var status: PolicyStatus
    /// A published version that runs beside production without blocking (at most one per name).
    public var shadow: Bool
    public var content: PolicyContent
    public var createdAt: Double
    public var updatedAt: Double
    public var publishedAt: Double?
    public var productionAt: Double?
    public var createdBy: String?
    public var updatedBy: String?

    public init(
        id: String, name: String, number: Int, status: PolicyStatus, shadow: Bool = false, content: PolicyContent, createdAt: Double,
        updatedAt: Double, publishedAt: Double? = nil, productionAt: Double? = nil, createdBy: String? = nil, updatedBy: String? = nil
    ) {
        self.id = id
        self.name = name
        self.number = number
        self.status = status
        self.shadow = shadow
        self.content = content
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.publishedAt = publishedAt
        self.productionAt = productionAt
        self.createdBy = createdBy
        self.updatedBy = updatedBy
    }
}
