public import GatewayCore

/// The routing plugin's settings after config.yaml's `router_settings` and the plugin's own `config` were merged
/// (the plugin's `config` wins, key by key). Keys of `router_settings` that are not listed here (`num_retries`,
/// `fallbacks`, ...) belong to Core and are ignored.
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `routing_strategy` | `simple-shuffle`, `least-busy`, `latency-based`, `usage-based`, `cost-based` (LiteLLM's `-routing` spellings too) | `simple-shuffle` |
/// | `allowed_fails` | integer ≥ 0: retryable failures a deployment may have within `allowed_fails_window`; one more cools it down | 3 |
/// | `cooldown_time` | seconds ≥ 0 a cooled-down deployment is skipped (0 turns cooldowns off) | 5 (LiteLLM's default) |
/// | `allowed_fails_window` | seconds > 0 in which failures are counted | 60 |
/// | `enable_health_check_routing` | boolean: skip deployments whose last health check failed | false |
/// | `health_check_interval` | seconds > 0 between background health checks | 60 |
/// | `health_check_staleness_threshold` | seconds > 0 after which a health result is ignored | 2 × `health_check_interval` |
/// | `routing_strategy_args.ttl` | latency-based: seconds > 0 a deployment's latency average counts without a new sample; then one request probes it | 60 (LiteLLM: 3600) |
/// | `routing_strategy_args.lowest_latency_buffer` | latency-based: fraction ≥ 0; deployments within it of the fastest share the traffic | 0 |
public struct RoutingSettings: Sendable, Equatable {
    public var strategy: RoutingStrategy = .simpleShuffle
    public var allowedFails = 3
    public var cooldownTime = 5.0
    public var allowedFailsWindow = 60.0
    public var healthCheckRouting = false
    public var healthCheckInterval = 60.0
    /// Nil means twice ``healthCheckInterval``.
    public var healthCheckStalenessThreshold: Double?
    /// Shorter than LiteLLM's hour: a deployment that was slow once is measured again within a minute.
    public var latencyTTL = 60.0
    public var lowestLatencyBuffer = 0.0

    /// Every key these settings read.
    public static let keys: Set<String> = [
        "routing_strategy", "allowed_fails", "cooldown_time", "allowed_fails_window", "enable_health_check_routing", "health_check_interval",
        "health_check_staleness_threshold", "routing_strategy_args",
    ]

    /// The keys of `routing_strategy_args` these settings read (LiteLLM's latency-based arguments).
    public static let strategyArgumentKeys: Set<String> = ["ttl", "lowest_latency_buffer"]

    /// The longest cooldown a 429's `retry-after` may ask for, in seconds (an upstream's hour-long answer must not
    /// take a deployment out for an hour).
    public static let maxRetryAfterCooldown = 300.0

    public init() {}

    /// How old a health result may be and still count.
    public var stalenessThreshold: Double { healthCheckStalenessThreshold ?? 2 * healthCheckInterval }

    /// These settings with `values` laid over them.
    /// - Parameters:
    ///   - values: a JSON object's members (`router_settings`, or the plugin's `config`); unknown keys are skipped.
    ///   - name: how an error names a key (`"config.yaml: router_settings.cooldown_time"`).
    /// - Throws: ``ConfigError`` naming the first key with a bad value.
    public func merging(_ values: [String: JSON], naming name: @escaping (String) -> String) throws -> RoutingSettings {
        var settings = self
        let reader = SettingReader(values: values, name: name)
        if let value = try reader.string("routing_strategy") {
            guard let strategy = RoutingStrategy(name: value) else {
                let known = RoutingStrategy.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigError("\(name("routing_strategy")) must be one of \(known), not '\(value)'")
            }
            settings.strategy = strategy
        }
        if let value = try reader.integer("allowed_fails", minimum: 0) { settings.allowedFails = value }
        if let value = try reader.seconds("cooldown_time", allowZero: true) { settings.cooldownTime = value }
        if let value = try reader.seconds("allowed_fails_window", allowZero: false) { settings.allowedFailsWindow = value }
        if let value = try reader.bool("enable_health_check_routing") { settings.healthCheckRouting = value }
        if let value = try reader.seconds("health_check_interval", allowZero: false) { settings.healthCheckInterval = value }
        if let value = try reader.seconds("health_check_staleness_threshold", allowZero: false) {
            settings.healthCheckStalenessThreshold = value
        }
        if let arguments = values["routing_strategy_args"], !arguments.isNull {
            try settings.readStrategyArguments(arguments, naming: { name("routing_strategy_args.\($0)") })
        }
        return settings
    }
}

extension RoutingSettings {
    /// Reads `routing_strategy_args`; an unknown key there stops startup like one in the plugin's config.
    fileprivate mutating func readStrategyArguments(_ arguments: JSON, naming name: @escaping (String) -> String) throws {
        guard let values = arguments.objectValue else {
            throw ConfigError("\(name("")) must be an object of \(Self.strategyArgumentKeys.sorted().joined(separator: ", "))")
        }
        if let unknown = values.keys.filter({ !Self.strategyArgumentKeys.contains($0) }).sorted().first {
            throw ConfigError("\(name(unknown)) is not a known key (known: \(Self.strategyArgumentKeys.sorted().joined(separator: ", ")))")
        }
        let reader = SettingReader(values: values, name: name)
        if let value = try reader.seconds("ttl", allowZero: false) { latencyTTL = value }
        if let value = try reader.fraction("lowest_latency_buffer") { lowestLatencyBuffer = value }
    }
}

/// Reads typed values out of a settings object; YAML users write numbers and booleans as strings too.
private struct SettingReader {
    let values: [String: JSON]
    let name: (String) -> String

    func string(_ key: String) throws -> String? {
        guard let value = present(key) else { return nil }
        guard let text = value.stringValue else { throw ConfigError("\(name(key)) must be a string, got \(value.typeName)") }
        return text
    }

    func integer(_ key: String, minimum: Int) throws -> Int? {
        guard let value = present(key) else { return nil }
        guard let number = value.intValue ?? value.stringValue.flatMap({ Int($0) }), number >= minimum else {
            throw ConfigError("\(name(key)) must be a whole number of at least \(minimum)")
        }
        return number
    }

    func seconds(_ key: String, allowZero: Bool) throws -> Double? {
        guard let value = present(key) else { return nil }
        let number = value.doubleValue ?? value.stringValue.flatMap { Double($0) }
        // A day is far more than any of these needs; the bound keeps `Duration` arithmetic from overflowing.
        guard let number, number.isFinite, allowZero ? number >= 0 : number > 0, number <= 86_400 else {
            throw ConfigError("\(name(key)) must be a number of seconds \(allowZero ? "from 0" : "above 0") up to 86400")
        }
        return number
    }

    /// A number ≥ 0 (a fraction; above 1 is allowed: a buffer of 2 means within three times the fastest).
    func fraction(_ key: String) throws -> Double? {
        guard let value = present(key) else { return nil }
        guard let number = value.doubleValue ?? value.stringValue.flatMap({ Double($0) }), number.isFinite, number >= 0 else {
            throw ConfigError("\(name(key)) must be a number of at least 0")
        }
        return number
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = present(key) else { return nil }
        if let flag = value.boolValue { return flag }
        switch value.stringValue?.lowercased() {
        case "true": return true
        case "false": return false
        default: throw ConfigError("\(name(key)) must be true or false")
        }
    }

    /// The value of a key, nil when absent or null (null keeps the default, as an absent key does).
    private func present(_ key: String) -> JSON? {
        guard let value = values[key], !value.isNull else { return nil }
        return value
    }
}
