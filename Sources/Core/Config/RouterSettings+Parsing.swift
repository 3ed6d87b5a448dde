extension RouterSettings {
    /// Reads the attempt loop's keys from config.yaml's `router_settings`; other keys are left for the routing plugin.
    /// - Parameter settings: the `router_settings` mapping (environment references already resolved).
    /// - Throws: ``ConfigError`` naming the key (`router_settings.num_retries`, `router_settings.fallbacks[1].gpt-4o`).
    public init(parsing settings: [String: JSON]) throws {
        self.init()
        if let value = settings["num_retries"], !value.isNull {
            numRetries = try Self.integer(value, key: "num_retries", range: 0...10)
        }
        if let value = settings["retry_after"], !value.isNull {
            guard let seconds = value.doubleValue, seconds >= 0, seconds <= 60 else {
                throw ConfigError("config.yaml: router_settings.retry_after must be a number of seconds between 0 and 60")
            }
            retryAfter = seconds
        }
        if let value = settings["max_fallbacks"], !value.isNull {
            maxFallbacks = try Self.integer(value, key: "max_fallbacks", range: 0...50)
        }
        if let value = settings["default_max_parallel_requests"], !value.isNull {
            defaultMaxParallelRequests = try Self.integer(value, key: "default_max_parallel_requests", range: 0...1_000_000)
        }
        fallbacks = try Self.fallbackMap(settings["fallbacks"], key: "fallbacks")
        // LiteLLM's `default_fallbacks: [group, ...]` is the `*` entry of `fallbacks` by another name.
        if let value = settings["default_fallbacks"], !value.isNull {
            let names = value.arrayValue?.compactMap { $0.stringValue.flatMap { $0.isEmpty ? nil : $0 } }
            guard let names, names.count == value.arrayValue?.count else {
                throw ConfigError("config.yaml: router_settings.default_fallbacks must be a list of model group names")
            }
            fallbacks["*", default: []].append(contentsOf: names)
        }
        contextWindowFallbacks = try Self.fallbackMap(settings["context_window_fallbacks"], key: "context_window_fallbacks")
        contentPolicyFallbacks = try Self.fallbackMap(settings["content_policy_fallbacks"], key: "content_policy_fallbacks")
    }

    private static func integer(_ value: JSON, key: String, range: ClosedRange<Int>) throws -> Int {
        guard let number = value.intValue, range.contains(number) else {
            throw ConfigError("config.yaml: router_settings.\(key) must be an integer between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    /// LiteLLM's shape: a list of one-key mappings, `[{"gpt-4o": ["gpt-4o-mini", "claude"]}, ...]`. A group named
    /// twice keeps both lists, in order.
    private static func fallbackMap(_ value: JSON?, key: String) throws -> [String: [String]] {
        guard let value, !value.isNull else { return [:] }
        guard case .array(let entries) = value else {
            throw ConfigError(
                "config.yaml: router_settings.\(key) must be a list of {model_group: [fallback groups]} mappings, got \(value.typeName)")
        }
        var map: [String: [String]] = [:]
        for (index, entry) in entries.enumerated() {
            guard case .object(let members) = entry, !members.isEmpty else {
                throw ConfigError("config.yaml: router_settings.\(key)[\(index)] must be a mapping {model_group: [fallback groups]}")
            }
            for (group, targets) in members.sorted(by: { $0.key < $1.key }) {
                let path = "config.yaml: router_settings.\(key)[\(index)].\(group)"
                guard !group.isEmpty else { throw ConfigError("config.yaml: router_settings.\(key)[\(index)] has an empty model group name") }
                let names: [String]
                switch targets {
                case .string(let name): names = [name]
                case .array(let elements):
                    names = try elements.map { element in
                        guard let name = element.stringValue, !name.isEmpty else {
                            throw ConfigError("\(path) must be a list of model group names")
                        }
                        return name
                    }
                default:
                    throw ConfigError("\(path) must be a list of model group names, got \(targets.typeName)")
                }
                map[group, default: []].append(contentsOf: names.filter { $0 != group })
            }
        }
        return map
    }
}
