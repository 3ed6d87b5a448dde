import GatewayCore

/// Decides which policies, and so which guardrails, apply to a request.
///
/// 1. Attachments: a `global` one matches every request; otherwise each of its non-empty lists (teams, keys,
///    models, tags) must match one of the request's values, `*` wildcards allowed.
/// 2. Each attached policy's production version applies when its `models` condition matches (or is empty).
///    Its guardrails are those of the policy it inherits (that policy's production version, resolved the same
///    way), plus `guardrails_add`, minus `guardrails_remove`.
/// 3. Guardrails of every applying policy are enforced. An attached policy's shadow version, when its condition
///    matches, adds the guardrails it would enforce that are not enforced already, to run in shadow mode.
enum PolicyResolver {
    /// How deep `inherit` chains are followed (writes refuse cycles; this bounds a chain changed elsewhere).
    static let maxInheritanceDepth = 16

    static func resolve(_ snapshot: PolicySnapshot, _ facts: PolicyFacts) -> PolicyGuardrails {
        var names: [String] = []
        for attachment in snapshot.attachments where matches(attachment, facts) && !names.contains(attachment.policyName) {
            names.append(attachment.policyName)
        }
        var result = PolicyGuardrails()
        for name in names {
            guard let version = snapshot.production[name], appliesToModel(version.content, facts) else { continue }
            result.policies.append(name)
            for guardrail in guardrails(of: version, in: snapshot) where !result.enforced.contains(guardrail) { result.enforced.append(guardrail) }
        }
        for name in names {
            guard let version = snapshot.shadow[name], appliesToModel(version.content, facts) else { continue }
            for guardrail in guardrails(of: version, in: snapshot) where !result.enforced.contains(guardrail) {
                result.shadow.append(.init(guardrail: guardrail, policy: name))
            }
        }
        return result
    }

    /// A version's guardrails after inheritance, in order, each once.
    static func guardrails(of version: PolicyVersion, in snapshot: PolicySnapshot) -> [String] {
        var chain: [PolicyContent] = [version.content]
        var seen: Set<String> = [version.name]
        while chain.count < maxInheritanceDepth, let parentName = chain.last?.inherit, !seen.contains(parentName),
            let parent = snapshot.production[parentName]
        {
            seen.insert(parentName)
            chain.append(parent.content)
        }
        var guardrails: [String] = []
        for content in chain.reversed() {
            for name in content.guardrailsAdd where !guardrails.contains(name) { guardrails.append(name) }
            guardrails.removeAll { content.guardrailsRemove.contains($0) }
        }
        return guardrails
    }

    static func matches(_ attachment: PolicyAttachment, _ facts: PolicyFacts) -> Bool {
        if attachment.global { return true }
        let dimensions: [([String], [String])] = [
            (attachment.teams, [facts.teamID].compactMap { $0 }), (attachment.keys, [facts.keyAlias, facts.keyHash].compactMap { $0 }),
            (attachment.models, facts.models), (attachment.tags, facts.tags),
        ]
        var constrained = false
        for (patterns, values) in dimensions where !patterns.isEmpty {
            constrained = true
            guard values.contains(where: { value in patterns.contains { ModelWildcard.matches($0, value) } }) else { return false }
        }
        return constrained
    }

    static func appliesToModel(_ content: PolicyContent, _ facts: PolicyFacts) -> Bool {
        content.models.isEmpty || facts.models.contains { model in content.models.contains { ModelWildcard.matches($0, model) } }
    }
}
