/// One row of the spend log. Carries no credential: keys appear only as their hash.
public struct SpendLogEntry: Sendable, Hashable {
    public var requestID: String
    /// The endpoint (`chat_completions`, `embeddings`, ...).
    public var callType: String
    /// Seconds since 1970.
    public var startTime: Double
    public var endTime: Double
    public var keyHash: String?
    public var userID: String?
    public var teamID: String?
    public var endUser: String?
    /// The model the client asked for.
    public var model: String
    public var deploymentID: String?
    public var provider: String?
    public var promptTokens: Int
    public var completionTokens: Int
    /// Cost in USD.
    public var spend: Double
    /// `success` or `failure`.
    public var status: String
    /// The error code the client saw, on failure.
    public var errorCode: String?
    public var metadata: JSON

    public init(
        requestID: String, callType: String, startTime: Double, endTime: Double, keyHash: String? = nil, userID: String? = nil,
        teamID: String? = nil, endUser: String? = nil, model: String, deploymentID: String? = nil, provider: String? = nil,
        promptTokens: Int = 0, completionTokens: Int = 0, spend: Double = 0, status: String, errorCode: String? = nil,
        metadata: JSON = .object([:])
    ) {
        self.requestID = requestID
        self.callType = callType
        self.startTime = startTime
        self.endTime = endTime
        self.keyHash = keyHash
        self.userID = userID
        self.teamID = teamID
        self.endUser = endUser
        self.model = model
        self.deploymentID = deploymentID
        self.provider = provider
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.spend = spend
        self.status = status
        self.errorCode = errorCode
        self.metadata = metadata
    }
}
