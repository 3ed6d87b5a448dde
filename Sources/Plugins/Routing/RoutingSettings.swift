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
public struct RoutingSettings: Sendable, Equatable {
    public var strategy: RoutingStrategy = .simpleShuffle
    public var allowedFails = 3
    public var cooldownTime = 5.0
    public var allowedFailsWindow = 60.0
    public var healthCheckRouting = false
    public var healthCheckInterval = 60.0
    /// Nil means twice ``healthCheckInterval``.
    public var healthCheckStalenessThreshold: Double?

    /// Every key these settings read.
    public static let keys: Set<String> = [
        "routing_strategy", "allowed_fails", "cooldown_time", "allowed_fails_window", "enable_health_check_routing", "health_check_interval",
        "health_check_staleness_threshold",
    ]

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
        return settings
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
