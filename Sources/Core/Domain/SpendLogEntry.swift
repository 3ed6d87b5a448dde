/// One row of the spend log. Carries no credential: keys appear only as their hash.
public struct SpendLogEntry: Sendable, Hashable {
    /// The gateway's id of the request (`x-request-id`, `x-litellm-call-id`); unique per row.
    public var requestID: String
    /// The `id` of the answer the client received (`chatcmpl-…`, `msg_…`), when the upstream gave one. Not unique:
    /// an upstream may repeat ids. `/spend/logs?request_id=` finds a row by either id.
    public var responseID: String?
    /// The endpoint (`chat_completions`, `embeddings`, ...).
    public var callType: String
    /// Seconds since 1970.
    public var startTime: Double
    public var endTime: Double
    public var keyHash: String?
    public var userID: String?
    public var teamID: String?
    public var endUser: String?
    public var organizationID: String?
    public var projectID: String?
    /// The request's `metadata.tags`.
    public var tags: [String]
    /// The model the client asked for (the model group).
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
    /// Facts beside the columns (the principal, the decision trace, ...), read from ``metadataText``; setting it
    /// serializes it there.
    public var metadata: JSON {
        get { metadataStorage.json }
        set { metadataStorage = MetadataText(newValue.serializedString()) }
    }

    /// ``metadata`` as compact JSON text: what the spend journal's line and the store's row write, and with the decision
    /// trace most of a row's bytes. The spend log's hook sets it directly, written without building a ``JSON`` value
    /// first; it must be a JSON object's text.
    public var metadataText: String {
        get { metadataStorage.text }
        set { metadataStorage = MetadataText(newValue) }
    }
    private var metadataStorage: MetadataText

    public init(
        requestID: String, callType: String, startTime: Double, endTime: Double, keyHash: String? = nil, userID: String? = nil,
        teamID: String? = nil, endUser: String? = nil, organizationID: String? = nil, projectID: String? = nil, tags: [String] = [], model: String,
        deploymentID: String? = nil, provider: String? = nil,
        promptTokens: Int = 0, completionTokens: Int = 0, spend: Double = 0, status: String, errorCode: String? = nil,
        metadata: JSON = .object([:]), responseID: String? = nil
    ) {
        self.requestID = requestID
        self.responseID = responseID
        self.callType = callType
        self.startTime = startTime
        self.endTime = endTime
        self.keyHash = keyHash
        self.userID = userID
        self.teamID = teamID
        self.endUser = endUser
        self.organizationID = organizationID
        self.projectID = projectID
        self.tags = tags
        self.model = model
        self.deploymentID = deploymentID
        self.provider = provider
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.spend = spend
        self.status = status
        self.errorCode = errorCode
        self.metadataStorage = MetadataText(metadata.serializedString())
    }

    /// The spend in exact ``SpendUnits``: what the store adds to each scope's counter and sums for reports.
    public var spendUnits: Int64 { SpendUnits.units(spend) }

    /// Milliseconds from receipt to the end of the response.
    public var latencyMilliseconds: Double { max(0, (endTime - startTime) * 1000) }

    /// Every scope this row's spend counts against (``SpendScope/scopes(keyHash:userID:teamID:organizationID:projectID:endUser:tags:)``).
    public var scopes: [SpendScope] {
        SpendScope.scopes(
            keyHash: keyHash, userID: userID, teamID: teamID, organizationID: organizationID, projectID: projectID, endUser: endUser, tags: tags)
    }
}

/// The metadata's text. Equal when it says the same: two equal objects may serialize their members in different
/// orders, so texts that differ are compared as parsed values (and the hash leaves the text out).
private struct MetadataText: Sendable, Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    var json: JSON { (try? JSONParser.parse(text)) ?? .object([:]) }

    static func == (left: Self, right: Self) -> Bool { left.text == right.text || left.json == right.json }
    func hash(into _: inout Hasher) {}
}
