import GatewayCore

/// config.yaml's `policies` and `policy_attachments` (LiteLLM's format), as the registry holds them beside the stored
/// ones.
///
/// ```yaml
/// policies:
///   baseline: {guardrails: {add: [pii-mask]}}
///   finance: {inherit: baseline, guardrails: {add: [no-ssn], remove: [pii-mask]}, condition: {model: "gpt-4*"}}
/// policy_attachments:
///   - {policy: baseline, scope: "*"}
///   - {policy: finance, teams: [team-id], keys: [key-alias], models: ["gpt-*"], tags: [health]}
/// ```
///
/// | policy key | type |
/// | --- | --- |
/// | `guardrails` | `{add: [names], remove: [names]}`, or a list of names to add (LiteLLM's older form) |
/// | `inherit` | another policy of the file |
/// | `condition.model` | a model pattern or a list of them (`*` wildcards, not regular expressions) |
/// | `description` | string |
///
/// Each policy is one production version with id `config:<name>`, which no route can change; a stored policy of
/// the same name is hidden by it. Attachments name a policy of the file, with `scope: "*"` or any of `teams` (team
/// ids), `keys` (key aliases or hashes), `models` and `tags`. `pipeline` and `statements` stop startup (Tollgate
/// has no guardrail pipelines); other unknown keys are warnings. Guardrail names are checked once every plugin is
/// made (``GuardrailCatalog/require(_:by:)``).
struct ConfiguredPolicies: Sendable {
    static let policyKeys: Set<String> = ["guardrails", "inherit", "condition", "description"]
    static let refusedPolicyKeys = ["pipeline", "statements"]
    static let attachmentKeys: Set<String> = ["policy", "scope", "teams", "keys", "models", "tags"]

    /// One production version per policy, by name.
    var versions: [String: PolicyVersion] = [:]
    var attachments: [PolicyAttachment] = []
    /// Keys read and ignored, for the startup log.
    var warnings: [String] = []

    static let none = ConfiguredPolicies()

    private init() {}

    /// - Throws: ``ConfigError`` naming the policy or attachment and its key.
    init(policies: [String: JSON], attachments entries: [JSON], guardrails: GuardrailCatalog) throws {
        for name in policies.keys.sorted() {
            let path = "config.yaml: policies.\(name)"
            do {
                try PolicyInput.check(name: name, field: "policy_name")
            } catch {
                throw ConfigError("\(path): a policy name must be 1–128 letters, digits, '-', '_' or '.'")
            }
            let object = policies[name]?.objectValue ?? [:]
            if let refused = Self.refusedPolicyKeys.first(where: { object[$0] != nil }) {
                throw ConfigError("\(path).\(refused) is not supported: Tollgate runs a policy's guardrails as a set, each able to block")
            }
            for key in object.keys.sorted() where !Self.policyKeys.contains(key) { warnings.append("\(path): unknown key '\(key)' ignored") }
            var content = PolicyContent()
            if let value = object["description"], !value.isNull {
                guard let text = value.stringValue else { throw ConfigError("\(path).description must be a string") }
                content.description = text
            }
            if let value = object["inherit"], !value.isNull {
                guard let parent = value.stringValue, policies[parent] != nil, parent != name else {
                    throw ConfigError("\(path).inherit must name another policy of config.yaml's policies")
                }
                content.inherit = parent
            }
            (content.guardrailsAdd, content.guardrailsRemove) = try Self.guardrails(object["guardrails"], path: "\(path).guardrails")
            content.models = try Self.models(object["condition"], path: "\(path).condition", warnings: &warnings)
            for guardrail in content.guardrailsAdd + content.guardrailsRemove { guardrails.require(guardrail, by: path) }
            versions[name] = PolicyVersion(
                id: "config:\(name)", name: name, number: 1, status: .production, content: content, createdAt: 0, updatedAt: 0,
                createdBy: "config.yaml")
        }
        try checkCycles()
        for (index, entry) in entries.enumerated() {
            attachments.append(try attachment(entry, path: "config.yaml: policy_attachments[\(index)]", index: index))
        }
    }

    private mutating func attachment(_ entry: JSON, path: String, index: Int) throws -> PolicyAttachment {
        let object = entry.objectValue ?? [:]
        for key in object.keys.sorted() where !Self.attachmentKeys.contains(key) { warnings.append("\(path): unknown key '\(key)' ignored") }
        guard let policy = object["policy"]?.stringValue, versions[policy] != nil else {
            throw ConfigError("\(path).policy must name a policy of config.yaml's policies")
        }
        var attachment = PolicyAttachment(id: "config:\(index)", policyName: policy, createdAt: 0, createdBy: "config.yaml")
        if let scope = object["scope"], !scope.isNull {
            guard scope.stringValue == "*" else { throw ConfigError("\(path).scope must be \"*\" (every request) or left out") }
            attachment.global = true
        }
        func list(_ field: String) throws -> [String] {
            guard let value = object[field], !value.isNull else { return [] }
            guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue?.isEmpty == false }) else {
                throw ConfigError("\(path).\(field) must be a list of names or * patterns")
            }
            return items.compactMap(\.stringValue)
        }
        attachment.teams = try list("teams")
        attachment.keys = try list("keys")
        attachment.models = try list("models")
        attachment.tags = try list("tags")
        let scoped = !(attachment.teams.isEmpty && attachment.keys.isEmpty && attachment.models.isEmpty && attachment.tags.isEmpty)
        guard attachment.global != scoped else {
            throw ConfigError("\(path) needs either scope: \"*\" or at least one of teams, keys, models, tags (not both)")
        }
        return attachment
    }

    /// `{add: [...], remove: [...]}`, or a list (LiteLLM reads a list as `add`).
    private static func guardrails(_ value: JSON?, path: String) throws -> (add: [String], remove: [String]) {
        func names(_ value: JSON?, _ field: String) throws -> [String] {
            guard let value, !value.isNull else { return [] }
            guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue?.isEmpty == false }) else {
                throw ConfigError("\(field) must be a list of guardrail names")
            }
            var unique: [String] = []
            for name in items.compactMap(\.stringValue) where !unique.contains(name) { unique.append(name) }
            return unique
        }
        guard let value, !value.isNull else { return ([], []) }
        if value.arrayValue != nil { return (try names(value, path), []) }
        guard let object = value.objectValue else { throw ConfigError("\(path) must be {add: [...], remove: [...]}") }
        if let key = object.keys.sorted().first(where: { $0 != "add" && $0 != "remove" }) {
            throw ConfigError("\(path).\(key) is unknown: a policy's guardrails are add and remove")
        }
        return (try names(object["add"], "\(path).add"), try names(object["remove"], "\(path).remove"))
    }

    /// `condition: {model: pattern or [patterns]}`. LiteLLM also reads the pattern as a regular expression; Tollgate
    /// matches `*` wildcards only, so a pattern that looks like a regular expression is warned about.
    private static func models(_ value: JSON?, path: String, warnings: inout [String]) throws -> [String] {
        guard let value, !value.isNull else { return [] }
        guard let object = value.objectValue, Set(object.keys).isSubset(of: ["model"]) else {
            throw ConfigError("\(path) must be {model: pattern or list of patterns}")
        }
        guard let model = object["model"], !model.isNull else { return [] }
        let patterns = model.stringValue.map { [$0] } ?? model.arrayValue?.compactMap(\.stringValue) ?? []
        guard !patterns.isEmpty, !patterns.contains(where: \.isEmpty), patterns.count == (model.arrayValue?.count ?? 1) else {
            throw ConfigError("\(path).model must be a model pattern or a non-empty list of them")
        }
        for pattern in patterns where pattern.contains(".*") || pattern.contains(where: { "^$[]()+?|\\{}".contains($0) }) {
            warnings.append("\(path).model '\(pattern)' is matched as a * wildcard pattern, not a regular expression")
        }
        return patterns
    }

    /// Refuses an `inherit` chain that comes back to where it started.
    private func checkCycles() throws {
        for start in versions.keys.sorted() {
            var seen: Set<String> = [start]
            var current = versions[start]?.content.inherit
            while let name = current {
                guard seen.insert(name).inserted else {
                    throw ConfigError("config.yaml: policies.\(start).inherit makes a cycle through '\(name)'")
                }
                current = versions[name]?.content.inherit
            }
        }
    }
}
