import GatewayCore

extension GuardrailDefinition {
    /// The kinds and the keys each reads besides the common `name`, `kind`, `mode`, `default_on`, `action`.
    static let kindKeys: [String: Set<String>] = [
        "keywords": ["keywords", "mask_with"],
        "regex": ["patterns", "mask_with"],
        "pii": ["entities"],
        "max_input": ["max_characters", "max_tokens"],
        "http": ["url", "headers", "timeout_seconds", "on_failure"],
    ]
    static let commonKeys: Set<String> = ["name", "kind", "mode", "default_on", "action"]

    /// Parses one entry of `config.guardrails`.
    /// - Parameter path: the entry's key path for errors, `config.guardrails[0]`.
    /// - Throws: ``ConfigError`` naming the first key that is missing, unknown or bad.
    init(parsing entry: JSON, at path: String) throws {
        guard let object = entry.objectValue else { throw ConfigError("config key '\(path)' must be an object") }
        func key(_ name: String) -> String { "'\(path).\(name)'" }
        func string(_ name: String) throws -> String? {
            guard let value = object[name] else { return nil }
            guard let text = value.stringValue, !text.isEmpty else { throw ConfigError("config key \(key(name)) must be a non-empty string") }
            return text
        }
        func strings(_ name: String) throws -> [String]? {
            guard let value = object[name] else { return nil }
            guard let list = value.arrayValue?.compactMap(\.stringValue), list.count == value.arrayValue?.count, !list.isEmpty,
                !list.contains(where: \.isEmpty)
            else { throw ConfigError("config key \(key(name)) must be a non-empty list of non-empty strings") }
            return list
        }
        func positiveInt(_ name: String) throws -> Int? {
            guard let value = object[name] else { return nil }
            guard let number = value.intValue, number > 0 else { throw ConfigError("config key \(key(name)) must be a positive integer") }
            return number
        }

        guard let name = try string("name") else { throw ConfigError("config key \(key("name")) is missing") }
        guard let kind = try string("kind") else { throw ConfigError("config key \(key("kind")) is missing") }
        guard let allowed = Self.kindKeys[kind] else {
            throw ConfigError("config key \(key("kind")) must be one of \(Self.kindKeys.keys.sorted().joined(separator: ", ")), not '\(kind)'")
        }
        if let unknown = object.keys.sorted().first(where: { !Self.commonKeys.contains($0) && !allowed.contains($0) }) {
            throw ConfigError(
                "config key \(key(unknown)) is unknown for kind '\(kind)' (known keys: \(Self.commonKeys.union(allowed).sorted().joined(separator: ", ")))"
            )
        }
        let modeNames = try object["mode"]?.stringValue.map { [$0] } ?? strings("mode") ?? [GuardrailMode.preCall.rawValue]
        var modes: Set<GuardrailMode> = []
        for modeName in modeNames {
            guard let mode = GuardrailMode(rawValue: modeName) else {
                throw ConfigError(
                    "config key \(key("mode")) must be \(GuardrailMode.allCases.map(\.rawValue).joined(separator: ", ")) or a list of them, not '\(modeName)'"
                )
            }
            modes.insert(mode)
        }
        var defaultOn = false
        if let value = object["default_on"] {
            guard let flag = value.boolValue else { throw ConfigError("config key \(key("default_on")) must be true or false") }
            defaultOn = flag
        }
        var action = GuardrailAction.block
        if let actionName = try string("action") {
            guard let parsed = GuardrailAction(rawValue: actionName) else {
                throw ConfigError("config key \(key("action")) must be block or mask, not '\(actionName)'")
            }
            action = parsed
        }
        if action == .mask, kind == "max_input" || kind == "http" {
            throw ConfigError(
                "config key \(key("action")) must be block for kind '\(kind)' (\(kind == "http" ? "the service decides" : "a size cannot be masked"))"
            )
        }
        if action == .mask, modes.contains(.duringCall) {
            throw ConfigError("config key \(key("action")) cannot be mask in mode during_call (during_call guardrails only block)")
        }

        let check: GuardrailCheck
        var longestLiteral = 0
        switch kind {
        case "keywords":
            guard let keywords = try strings("keywords") else { throw ConfigError("config key \(key("keywords")) is missing") }
            longestLiteral = keywords.map(\.count).max() ?? 0
            check = .content(PatternMatcher(keywords: keywords, placeholder: try string("mask_with") ?? "[REDACTED]"), action)
        case "regex":
            guard let patterns = try strings("patterns") else { throw ConfigError("config key \(key("patterns")) is missing") }
            do {
                let matcher = try PatternMatcher(
                    patterns: patterns, caseInsensitive: false, placeholder: try string("mask_with") ?? "[REDACTED]", label: "pattern")
                check = .content(matcher, action)
            } catch let error as PatternMatcher.PatternError {
                throw ConfigError("config key \(key("patterns[\(error.index)]")) is not a valid regular expression")
            }
        case "pii":
            var entities = PIIEntity.allCases
            if let names = try strings("entities") {
                entities = try names.map { entityName in
                    guard let entity = PIIEntity(rawValue: entityName) else {
                        throw ConfigError(
                            "config key \(key("entities")) has unknown entity '\(entityName)' (known: \(PIIEntity.allCases.map(\.rawValue).joined(separator: ", ")))"
                        )
                    }
                    return entity
                }
            }
            check = .content(PIIMatcher(entities: entities), action)
        case "max_input":
            let maxCharacters = try positiveInt("max_characters")
            let maxTokens = try positiveInt("max_tokens")
            guard maxCharacters != nil || maxTokens != nil else {
                throw ConfigError("config key \(key("max_characters")) or \(key("max_tokens")) is needed for kind 'max_input'")
            }
            if modes.contains(.postCall) { throw ConfigError("config key \(key("mode")) must be pre_call or during_call for kind 'max_input'") }
            check = .inputCap(maxCharacters: maxCharacters, maxTokens: maxTokens)
        default:
            guard let url = try string("url") else { throw ConfigError("config key \(key("url")) is missing (kind 'http' needs it)") }
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw ConfigError("config key \(key("url")) must be an http:// or https:// URL")
            }
            var headers: [String: String] = [:]
            if let value = object["headers"] {
                guard let fields = value.objectValue, fields.values.allSatisfy({ $0.stringValue != nil }) else {
                    throw ConfigError("config key \(key("headers")) must be an object of strings")
                }
                headers = fields.compactMapValues(\.stringValue)
            }
            var timeout = 5.0
            if let value = object["timeout_seconds"] {
                guard let seconds = value.doubleValue, seconds > 0, seconds <= 600 else {
                    throw ConfigError("config key \(key("timeout_seconds")) must be a number of seconds in (0, 600]")
                }
                timeout = seconds
            }
            let onFailure = try string("on_failure") ?? "closed"
            guard onFailure == "open" || onFailure == "closed" else {
                throw ConfigError("config key \(key("on_failure")) must be open or closed, not '\(onFailure)'")
            }
            check = .http(HTTPGuardrail(url: url, headers: headers, timeoutSeconds: timeout, failOpen: onFailure == "open"))
        }
        self.init(name: name, kind: kind, modes: modes, defaultOn: defaultOn, check: check, longestLiteral: longestLiteral)
    }
}
