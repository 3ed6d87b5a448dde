public import GatewayCore

/// A response the gateway stored (`store: true`, the default), as the entity store keeps it under
/// ``EntityKind/response`` and its id.
///
/// The document holds who may read it (`owner`, the creating principal's subject, and `team_id`, indexed by every
/// store), the response object `GET /v1/responses/{id}` returns, this request's input items, and the whole
/// conversation it ends (the conversation it continued, its input, its output), so a follow-up with
/// `previous_response_id` is one read on any instance, and still works when an earlier response was deleted.
public struct StoredResponse: Sendable, Hashable {
    public var id: String
    /// The creating principal's ``Principal/subject`` (a key's hash, `master_key`, `anonymous`).
    public var owner: String
    /// The creating key's team, whose other keys may read and continue the response too.
    public var teamID: String?
    /// The response object, as the client got it.
    public var response: JSON
    /// The input items of the request that created it, with ids.
    public var inputItems: [JSON]
    /// Every item of the conversation up to and including this response's output, oldest first.
    public var conversation: [JSON]

    public init(id: String, owner: String, teamID: String?, response: JSON, inputItems: [JSON], conversation: [JSON]) {
        self.id = id
        self.owner = owner
        self.teamID = teamID
        self.response = response
        self.inputItems = inputItems
        self.conversation = conversation
    }

    /// Whether `principal` may read, continue or delete it: the same subject, or a key of the same team.
    public func isVisible(to principal: Principal) -> Bool {
        if principal.subject == owner { return true }
        guard let teamID, let callerTeam = principal.teamID else { return false }
        return teamID == callerTeam
    }

    /// The document the store keeps.
    public var document: JSON {
        var document: JSON = [
            "id": .string(id), "owner": .string(owner), "response": response, "input_items": .array(inputItems),
            "conversation": .array(conversation),
        ]
        if let teamID { document["team_id"] = .string(teamID) }
        return document
    }

    /// Reads a stored document. - Returns: nil when it is not one (a corrupt row reads as absent, never a crash).
    public init?(document: JSON) {
        guard let id = document["id"]?.stringValue, let owner = document["owner"]?.stringValue, let response = document["response"],
            let inputItems = document["input_items"]?.arrayValue, let conversation = document["conversation"]?.arrayValue
        else { return nil }
        self.init(
            id: id, owner: owner, teamID: document["team_id"]?.stringValue, response: response, inputItems: inputItems, conversation: conversation)
    }
}
