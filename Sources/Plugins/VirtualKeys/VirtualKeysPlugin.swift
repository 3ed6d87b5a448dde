public import GatewayCore
import Logging

/// `virtual-keys`: LiteLLM's multi-tenant core. Virtual keys (`sk-...`, stored as their SHA-256) authenticate
/// callers; teams, users, organizations, projects, end users and access groups decide what they may use; the
/// management API (`/key/*`, `/team/*`, `/user/*`, ...) changes them, each write with an audit row.
///
/// Needs a storage plugin. Keys and the objects they reference are read through TTL caches that every write in
/// this process invalidates at once. Other processes sharing a Postgres database drop the entry when its change
/// notification arrives (see ``StoreChangeFeed``), and within `cache_ttl_seconds` should it be missed.
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `cache_ttl_seconds` | number | 60 |
/// | `max_cached_keys` | integer | 100000 |
public enum VirtualKeysPlugin: Plugin {
    public static let id = "virtual-keys"

    public struct Configuration: PluginConfiguration {
        public static let keys: Set<String> = ["cache_ttl_seconds", "max_cached_keys"]
        public var cacheTTLSeconds: Double
        public var maxCachedKeys: Int

        enum CodingKeys: String, CodingKey {
            case cacheTTLSeconds = "cache_ttl_seconds"
            case maxCachedKeys = "max_cached_keys"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            cacheTTLSeconds = try container.decodeIfPresent(Double.self, forKey: .cacheTTLSeconds) ?? 60
            maxCachedKeys = try container.decodeIfPresent(Int.self, forKey: .maxCachedKeys) ?? 100_000
            try InputRange.settingSeconds(cacheTTLSeconds, key: "cache_ttl_seconds")
            guard maxCachedKeys > 0 else { throw ConfigError("config key 'config.max_cached_keys' must be positive") }
        }
    }

    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        guard let store = context.store else {
            throw ConfigError("plugin 'virtual-keys' needs a storage plugin (sqlite-store or postgres-store) enabled in plugins.json")
        }
        let directory = IdentityDirectory(
            store: store, models: context.models, ttl: .milliseconds(Int64(configuration.cacheTTLSeconds * 1000)),
            maxCachedKeys: configuration.maxCachedKeys, logger: context.logger)
        // JWT and other verified identities get the same common checks as a key (see DirectoryIdentityResolver).
        context.identities.provide(DirectoryIdentityResolver(directory: directory))
        return PluginComponents(
            hooks: [VirtualKeyAuthenticator(directory: directory)],
            adminRoutes: KeyRoutes(directory: directory).routes + IdentityRoutes(directory: directory).routes)
    }
}
