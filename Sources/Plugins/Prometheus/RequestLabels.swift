import GatewayCore
import HTTPTypes

/// The label values of one finished request, before bounding: what the request counters are broken down by.
///
/// None of them is a secret. A key is named by its alias; a key without one by `key-` and the first 12 hex digits
/// of its SHA-256 hash (the form the gateway's own errors and alerts use: a prefix of a hash of a random key
/// says nothing about the key and authenticates nothing); a caller without a virtual key by its principal's
/// subject (`master_key`, `anonymous`). Missing values are `none`.
struct RequestLabels: Sendable, Equatable {
    static let none = "none"

    /// The model group the client asked for.
    var model: String
    /// The deployment that answered, or the last one tried.
    var deployment: String
    /// The HTTP status the client got.
    var status: String
    var key: String
    var team: String

    init(model: String, deployment: String, status: String, key: String, team: String) {
        self.model = model
        self.deployment = deployment
        self.status = status
        self.key = key
        self.team = team
    }

    init(_ event: RequestLogEvent) {
        let outcome = event.outcome
        self.init(
            model: event.requestedModel.flatMap { $0.isEmpty ? nil : $0 } ?? Self.none,
            deployment: outcome.deployment?.id ?? Self.none,
            status: String(outcome.error?.status.code ?? 200),
            key: Self.key(of: event.principal),
            team: event.principal.teamID ?? Self.none)
    }

    /// The key's alias, else `key-<hash prefix>`, else the principal's subject.
    static func key(of principal: Principal) -> String {
        if let alias = principal.keyAlias, !alias.isEmpty { return alias }
        if let hash = principal.keyHash { return "key-" + hash.prefix(12) }
        return principal.subject
    }
}
