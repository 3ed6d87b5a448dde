import GatewayCore

/// `POST /policies/resolve`: which policies and guardrails the policy engine applies to a request with the given
/// `team_id`, `key_alias`, `key` (a key or its hash), `model` and `tags`, read from the same registry requests use.
/// Guardrails a key or team names itself and `default_on` ones come on top (a real request's
/// `x-tollgate-guardrails` header lists them all).
extension PolicyRoutes {
    var resolveRoutes: [AdminRoute] {
        [AdminRoute(.post, "/policies/resolve", access: .adminOrViewer) { try resolve($0.body) }]
    }

    private func resolve(_ body: JSON) throws -> JSON {
        func string(_ field: String) throws -> String? {
            guard let value = body[field], !value.isNull else { return nil }
            guard let text = value.stringValue else { throw GatewayError.badRequest("'\(field)' must be a string.", param: field) }
            return text
        }
        let tags = body["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let facts = PolicyFacts(
            teamID: try string("team_id"), keyAlias: try string("key_alias"), keyHash: try string("key").map(Secrets.keyHash(ofKeyOrToken:)),
            models: [try string("model")].compactMap { $0 }, tags: tags)
        let snapshot = registry.snapshot
        let resolved = PolicyResolver.resolve(snapshot, facts)
        let attachments = snapshot.attachments.filter { PolicyResolver.matches($0, facts) }.map(\.id)
        return [
            "policies": PolicyView.strings(resolved.policies), "guardrails": PolicyView.strings(resolved.enforced),
            "shadow_guardrails": .array(resolved.shadow.map { ["guardrail": .string($0.guardrail), "policy": .string($0.policy)] }),
            "matched_attachments": PolicyView.strings(attachments),
        ]
    }
}
