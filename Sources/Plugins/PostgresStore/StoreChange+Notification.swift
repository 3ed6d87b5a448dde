public import GatewayCore

/// A ``StoreChange`` as the payload of a Postgres notification on ``PostgresGatewayStore/changeChannel``: a small
/// JSON object, `{"kind": "key", "id": "<sha-256>"}`.
///
/// `kind` is `key`, an ``EntityKind`` (`team`, `user`, `organization`, `project`, `end_user`, `access_group`,
/// `model`), `policy` (the id is the policy's name), `policy_attachment`, `cooldown` (with `until`, seconds since
/// 1970) or `all`. A change whose payload would pass Postgres's limit (8000 bytes) is sent as `all`; a payload
/// this version cannot read is taken as `all`: when in doubt, drop everything.
extension StoreChange {
    /// The longest payload sent, in bytes (Postgres refuses 8000 and more).
    static let maxPayloadBytes = 7900

    /// The notification payload for this change.
    public var notificationPayload: String {
        let fields: [String: JSON] =
            switch self {
            case .key(let hash): ["kind": "key", "id": .string(hash)]
            case .entity(let kind, let id): ["kind": .string(kind.rawValue), "id": .string(id)]
            case .policy(let name): ["kind": "policy", "id": .string(name)]
            case .policyAttachment(let id): ["kind": "policy_attachment", "id": .string(id)]
            case .cooldown(let deploymentID, let until): ["kind": "cooldown", "id": .string(deploymentID), "until": .double(until)]
            case .everything: ["kind": "all"]
            }
        let text = JSON.object(fields).serializedString()
        return text.utf8.count <= Self.maxPayloadBytes ? text : JSON.object(["kind": "all"]).serializedString()
    }

    /// The change a notification payload describes; ``everything`` for one that cannot be read.
    public init(notificationPayload payload: String) {
        guard let fields = try? JSONParser.parse(payload), let kind = fields["kind"]?.stringValue else {
            self = .everything
            return
        }
        let id = fields["id"]?.stringValue
        switch (kind, id) {
        case ("key", let hash?): self = .key(hash: hash)
        case ("policy", let name?): self = .policy(name: name)
        case ("policy_attachment", let id?): self = .policyAttachment(id: id)
        case ("cooldown", let id?):
            guard let until = fields["until"]?.doubleValue else {
                self = .everything
                return
            }
            self = .cooldown(deploymentID: id, until: until)
        case (let kind, let id?):
            guard let entity = EntityKind(rawValue: kind) else {
                self = .everything
                return
            }
            self = .entity(entity, id: id)
        case (_, nil):
            self = .everything
        }
    }
}
