/// plugins.json: which plugins run, in which order, with what configuration.
///
/// ```json
/// {"plugins": [
///   {"name": "sqlite-store", "config": {"path": "tollgate.db"}},
///   {"name": "master-key-auth"},
///   {"name": "spend-log", "on_error": "allow"}
/// ]}
/// ```
/// | entry key | type | default |
/// | --- | --- | --- |
/// | `name` | a registered plugin id, required | |
/// | `config` | object, validated by the plugin | `{}` |
/// | `on_error` | `"deny"` (fail closed) or `"allow"` (skip the plugin when it fails) | `"deny"` |
/// | `enabled` | boolean; `false` keeps the entry but does not run it | `true` |
public struct PluginManifest: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var config: JSON
        public var failurePolicy: FailurePolicy
        public var enabled: Bool

        public init(name: String, config: JSON = .object([:]), failurePolicy: FailurePolicy = .deny, enabled: Bool = true) {
            self.name = name
            self.config = config
            self.failurePolicy = failurePolicy
            self.enabled = enabled
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    private static let entryKeys: Set<String> = ["name", "config", "on_error", "enabled"]

    /// Parses plugins.json.
    /// - Throws: ``ConfigError`` with the line and column of malformed JSON, or the entry and key at fault.
    public init(parsing bytes: some Collection<UInt8>) throws {
        let document: JSON
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw ConfigError("plugins.json is not valid JSON: \(error)")
        }
        guard let list = document["plugins"] else { throw ConfigError("plugins.json must be an object with a \"plugins\" list") }
        guard let items = list.arrayValue else { throw ConfigError("plugins.json: \"plugins\" must be a list, got \(list.typeName)") }
        entries = try items.enumerated().map { index, item in
            let path = "plugins.json: plugins[\(index)]"
            guard let members = item.objectValue else { throw ConfigError("\(path) must be an object, got \(item.typeName)") }
            if let unknown = members.keys.sorted().first(where: { !Self.entryKeys.contains($0) }) {
                throw ConfigError("\(path): unknown key '\(unknown)' (known: name, config, on_error, enabled)")
            }
            guard let name = members["name"]?.stringValue, !name.isEmpty else { throw ConfigError("\(path).name must be a non-empty string") }
            let config = members["config"] ?? .object([:])
            guard config.isNull || config.objectValue != nil else { throw ConfigError("\(path).config must be an object") }
            var policy = FailurePolicy.deny
            if let value = members["on_error"] {
                guard let raw = value.stringValue, let parsed = FailurePolicy(rawValue: raw) else {
                    throw ConfigError("\(path).on_error must be \"deny\" or \"allow\"")
                }
                policy = parsed
            }
            var enabled = true
            if let value = members["enabled"] {
                guard let flag = value.boolValue else { throw ConfigError("\(path).enabled must be true or false") }
                enabled = flag
            }
            return Entry(name: name, config: config.isNull ? .object([:]) : config, failurePolicy: policy, enabled: enabled)
        }
    }
}

/// What happens when a plugin's hook fails (throws anything but a ``GatewayError``, which is a decision).
public enum FailurePolicy: String, Sendable {
    /// Fail the request closed with a 500 naming the plugin. The default.
    case deny
    /// Log the failure and go on as if the hook had passed.
    case allow
}
