import GatewayCore

/// What the policy engine matches attachments and conditions against: who calls, for which model, with which tags.
struct PolicyFacts: Sendable, Hashable {
    var teamID: String?
    var keyAlias: String?
    var keyHash: String?
    /// The public model name asked for, and what a key or team alias resolved it to.
    var models: [String]
    var tags: [String]

    init(teamID: String? = nil, keyAlias: String? = nil, keyHash: String? = nil, models: [String] = [], tags: [String] = []) {
        self.teamID = teamID
        self.keyAlias = keyAlias
        self.keyHash = keyHash
        self.models = models
        self.tags = tags
    }

    /// The facts of an LLM request: the caller's team and key, the model and its alias target, and the tags of
    /// the request's `metadata.tags` and of the key's metadata.
    init(request: GatewayRequest) {
        let principal = request.principal
        var tags = request.tags
        for tag in principal.metadata["tags"]?.arrayValue?.compactMap(\.stringValue) ?? [] where !tags.contains(tag) { tags.append(tag) }
        self.init(
            teamID: principal.teamID, keyAlias: principal.keyAlias, keyHash: principal.keyHash,
            models: [request.model, principal.resolvedModel].compactMap { $0 }, tags: tags)
    }
}
