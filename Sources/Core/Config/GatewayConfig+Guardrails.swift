extension GatewayConfig {
    /// Reads config.yaml's `guardrails`, `policies` and `policy_attachments` (LiteLLM's sections) as they are, after
    /// checking their shape: the guardrail plugin parses each guardrail, the policy plugin each policy and attachment.
    ///
    /// | key | type |
    /// | --- | --- |
    /// | `guardrails` | list of `{guardrail_name, litellm_params: {guardrail, mode, default_on, ...}, guardrail_info}` |
    /// | `policies` | mapping of policy name to `{description, inherit, guardrails: {add, remove}, condition: {model}}` |
    /// | `policy_attachments` | list of `{policy, scope: "*"}` or `{policy, teams, keys, models, tags}` |
    ///
    /// - Throws: ``ConfigError`` for a section of the wrong type, an entry that is not a mapping, a guardrail without
    ///   a name, or a name used twice.
    mutating func readGuardrailSections(_ resolved: JSON) throws {
        switch resolved["guardrails"] {
        case nil, .null?: break
        case .array(let entries)?:
            var names = Set<String>()
            for (index, entry) in entries.enumerated() {
                let path = "config.yaml: guardrails[\(index)]"
                guard entry.objectValue != nil else { throw ConfigError("\(path) must be a mapping, got \(entry.typeName)") }
                guard let name = entry["guardrail_name"]?.stringValue, !name.isEmpty else {
                    throw ConfigError("\(path).guardrail_name must be a non-empty string")
                }
                guard names.insert(name).inserted else { throw ConfigError("\(path).guardrail_name: the name '\(name)' is used twice") }
            }
            guardrails = entries
        case let other?:
            throw ConfigError("config.yaml: guardrails must be a list, got \(other.typeName)")
        }
        switch resolved["policies"] {
        case nil, .null?: break
        case .object(let entries)?:
            for (name, entry) in entries where entry.objectValue == nil && !entry.isNull {
                throw ConfigError("config.yaml: policies.\(name) must be a mapping, got \(entry.typeName)")
            }
            policies = entries
        case let other?:
            throw ConfigError("config.yaml: policies must be a mapping of policy names, got \(other.typeName)")
        }
        switch resolved["policy_attachments"] {
        case nil, .null?: break
        case .array(let entries)?:
            for (index, entry) in entries.enumerated() where entry.objectValue == nil {
                throw ConfigError("config.yaml: policy_attachments[\(index)] must be a mapping, got \(entry.typeName)")
            }
            policyAttachments = entries
        case let other?:
            throw ConfigError("config.yaml: policy_attachments must be a list, got \(other.typeName)")
        }
    }
}
