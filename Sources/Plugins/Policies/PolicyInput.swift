import GatewayCore

/// Reads and checks the policy fields of a request body (LiteLLM's names): `policy_name`, `description`,
/// `inherit`, `guardrails_add`, `guardrails_remove` and `condition.model` (a pattern or a list of them).
///
/// Guardrail names must be declared by an enabled guardrail plugin, and `inherit` must name another existing
/// policy without closing a cycle, so that a typo is refused here rather than failing requests later.
struct PolicyInput {
    let guardrails: GuardrailCatalog
    let snapshot: PolicySnapshot

    /// A name usable in paths and headers: 1–128 letters, digits, `-`, `_` or `.`.
    static func name(_ body: JSON, field: String = "policy_name") throws -> String {
        guard let name = body[field]?.stringValue else {
            throw GatewayError.badRequest("'\(field)' is required: the policy's name.", param: field, code: "invalid_policy")
        }
        try check(name: name, field: field)
        return name
    }

    static func check(name: String, field: String) throws {
        let allowed = name.unicodeScalars.allSatisfy {
            ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
        }
        guard (1...128).contains(name.count), allowed else {
            throw GatewayError.badRequest(
                "'\(field)' must be 1–128 letters, digits, '-', '_' or '.'; got '\(name.prefix(140))'.", param: field,
                code: "invalid_policy")
        }
    }

    /// The content `body` describes, starting from `base` (the fields the body leaves out keep their value).
    func content(_ body: JSON, policyName: String, base: PolicyContent = PolicyContent()) throws -> PolicyContent {
        guard body.objectValue != nil else { throw GatewayError.badRequest("The body must be a JSON object.", code: "invalid_policy") }
        var content = base
        if let value = body["description"] { content.description = try optionalString(value, field: "description") }
        if let value = body["inherit"] {
            content.inherit = try optionalString(value, field: "inherit")
            if let parent = content.inherit { try checkInheritance(of: policyName, from: parent) }
        }
        if let value = body["guardrails_add"] { content.guardrailsAdd = try guardrailNames(value, field: "guardrails_add") }
        if let value = body["guardrails_remove"] { content.guardrailsRemove = try guardrailNames(value, field: "guardrails_remove") }
        if let value = body["condition"] { content.models = try models(value) }
        return content
    }

    private func optionalString(_ value: JSON, field: String) throws -> String? {
        if value.isNull { return nil }
        guard let text = value.stringValue else {
            throw GatewayError.badRequest("'\(field)' must be a string.", param: field, code: "invalid_policy")
        }
        return text.isEmpty ? nil : text
    }

    private func guardrailNames(_ value: JSON, field: String) throws -> [String] {
        if value.isNull { return [] }
        guard let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
            throw GatewayError.badRequest("'\(field)' must be a list of guardrail names.", param: field, code: "invalid_policy")
        }
        var names: [String] = []
        for name in list.compactMap(\.stringValue) where !names.contains(name) {
            guard guardrails.contains(name) else {
                let known = guardrails.all
                throw GatewayError.badRequest(
                    "Unknown guardrail '\(name)' in '\(field)'; the configured guardrails are: \(known.isEmpty ? "none" : known.joined(separator: ", ")).",
                    param: field, code: "unknown_guardrail")
            }
            names.append(name)
        }
        return names
    }

    /// `condition`: null, or `{"model": "pattern"}` / `{"model": ["pattern", ...]}`.
    private func models(_ value: JSON) throws -> [String] {
        if value.isNull { return [] }
        let model = value["model"]
        guard value.objectValue != nil, let model else {
            throw GatewayError.badRequest(
                "'condition' must be null or {\"model\": pattern or list of patterns}.", param: "condition",
                code: "invalid_policy")
        }
        if model.isNull { return [] }
        if let single = model.stringValue { return [single] }
        guard let list = model.arrayValue, !list.isEmpty, list.allSatisfy({ $0.stringValue?.isEmpty == false }) else {
            throw GatewayError.badRequest(
                "'condition.model' must be a model pattern or a non-empty list of them.", param: "condition",
                code: "invalid_policy")
        }
        return list.compactMap(\.stringValue)
    }

    /// Refuses an `inherit` naming no policy, or one whose chain leads back to `name`.
    private func checkInheritance(of name: String, from parent: String) throws {
        guard parent != name else {
            throw GatewayError.badRequest("A policy cannot inherit from itself.", param: "inherit", code: "invalid_policy")
        }
        guard snapshot.byID.values.contains(where: { $0.name == parent }) else {
            throw GatewayError.badRequest("'inherit' names no policy: '\(parent)'.", param: "inherit", code: "invalid_policy")
        }
        var current = parent
        var seen: Set<String> = [name]
        while let next = snapshot.production[current]?.content.inherit {
            guard !seen.contains(next) else {
                throw GatewayError.badRequest(
                    "Inheriting from '\(parent)' would make a cycle through '\(next)'.", param: "inherit",
                    code: "invalid_policy")
            }
            seen.insert(current)
            current = next
        }
    }
}
