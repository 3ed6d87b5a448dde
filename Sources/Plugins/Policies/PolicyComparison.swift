import GatewayCore

/// What differs between two policy versions' editable fields.
enum PolicyComparison {
    /// `{field: {"version_a": ..., "version_b": ...}}` for each field that differs, plus for the guardrail lists
    /// `guardrails_add` added/removed going from a to b.
    static func differences(_ a: PolicyVersion, _ b: PolicyVersion) -> JSON {
        let left = PolicyView.content(a.content)
        let right = PolicyView.content(b.content)
        var differences: [String: JSON] = [:]
        for field in ["description", "inherit", "guardrails_add", "guardrails_remove", "condition"] where left[field] != right[field] {
            differences[field] = ["version_a": left[field] ?? .null, "version_b": right[field] ?? .null]
        }
        let added = b.content.guardrailsAdd.filter { !a.content.guardrailsAdd.contains($0) }
        let removed = a.content.guardrailsAdd.filter { !b.content.guardrailsAdd.contains($0) }
        return ["fields": .object(differences), "guardrails_added": PolicyView.strings(added), "guardrails_dropped": PolicyView.strings(removed)]
    }
}
