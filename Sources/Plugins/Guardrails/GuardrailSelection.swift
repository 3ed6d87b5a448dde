import GatewayCore

/// Decides which guardrails run for one request, and takes the guardrail-control fields out of its body.
///
/// Enforced: every `default_on` guardrail, plus those the key and its team name (``Principal/guardrails``) and
/// those the policy engine applies (``PolicyGuardrails/enforced``).
/// Asked for: names in the body's `guardrails` or `metadata.guardrails` (a list of names). Switched off: names in
/// the body's `disable_guardrails` or `metadata.disable_guardrails`. What runs is enforced ∪ asked − switched off.
///
/// Switching off an enforced guardrail is LiteLLM's guardrail modification, and it needs the permission to
/// modify guardrails: `allow_modify_guardrails: true` in the key's or the team's metadata, or an admin caller.
/// Without it the request is refused with 403 (stricter than LiteLLM, which allows it for keys without a team:
/// a key must not be able to undo what its admin set). Switching off a guardrail that was not going to run
/// changes nothing and needs no permission. An unknown name anywhere is a 400, so a typo never looks like a
/// guardrail that ran.
struct GuardrailSelection: Sendable, Equatable {
    /// The guardrails that run, in config order.
    var names: [String]
    /// Guardrails shadow policy versions run without letting them block or change anything (none is in ``names``).
    var shadow: [PolicyGuardrails.Shadow] = []

    /// The body fields this selection reads; removed before the request goes upstream.
    static let controlFields = ["guardrails", "disable_guardrails"]

    /// - Parameters:
    ///   - configured: every guardrail name, in config order.
    ///   - defaultOn: the `default_on` ones.
    /// - Throws: ``GatewayError`` 400 for an unknown or malformed name, 403 for a switch-off without permission.
    init(body: JSON, principal: Principal, policy: PolicyGuardrails = .none, configured: [String], defaultOn: Set<String>) throws {
        let known = Set(configured)
        for name in principal.guardrails + policy.enforced where !known.contains(name) {
            // A key, team or policy naming a guardrail the config no longer has fails closed: it was meant to be checked.
            throw GatewayError.unknownGuardrail(name, param: "guardrails")
        }
        let enforced = defaultOn.union(principal.guardrails).union(policy.enforced)
        var asked: Set<String> = []
        var disabled: Set<String> = []
        for (scope, prefix) in [(body, ""), (body["metadata"] ?? .null, "metadata.")] {
            for name in try Self.names(scope["guardrails"], param: prefix + "guardrails", known: known) { asked.insert(name) }
            for name in try Self.names(scope["disable_guardrails"], param: prefix + "disable_guardrails", known: known) { disabled.insert(name) }
        }
        let switchedOff = configured.filter { disabled.contains($0) && enforced.contains($0) }
        if !switchedOff.isEmpty, !Self.mayModify(principal) {
            throw GatewayError.guardrailModificationNotAllowed(switchedOff)
        }
        names = configured.filter { (enforced.contains($0) || asked.contains($0)) && !disabled.contains($0) }
        let running = Set(names)
        shadow = policy.shadow.filter { known.contains($0.guardrail) && !running.contains($0.guardrail) }
    }

    init(names: [String]) {
        self.names = names
    }

    /// LiteLLM's `can_modify_guardrails`, on the key's and team's metadata.
    static func mayModify(_ principal: Principal) -> Bool {
        principal.role == .admin || principal.metadata["allow_modify_guardrails"]?.boolValue == true
            || principal.teamMetadata["allow_modify_guardrails"]?.boolValue == true
    }

    /// The body without the guardrail-control fields (top level and in `metadata`).
    static func removingControlFields(from body: JSON) -> JSON {
        guard case .object(var members) = body else { return body }
        for field in controlFields { members[field] = nil }
        if case .object(var metadata)? = members["metadata"] {
            for field in controlFields { metadata[field] = nil }
            members["metadata"] = .object(metadata)
        }
        return .object(members)
    }

    private static func names(_ value: JSON?, param: String, known: Set<String>) throws -> [String] {
        guard let value, !value.isNull else { return [] }
        guard let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
            throw GatewayError.badRequest("'\(param)' must be a list of guardrail names.", param: param, code: "invalid_guardrails")
        }
        let names = list.compactMap(\.stringValue)
        if let unknown = names.first(where: { !known.contains($0) }) { throw GatewayError.unknownGuardrail(unknown, param: param) }
        return names
    }
}
