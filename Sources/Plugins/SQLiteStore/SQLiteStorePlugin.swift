public import GatewayCore
import Logging

/// The embedded storage plugin: one SQLite file in WAL mode (plugins.json name `sqlite-store`).
///
/// `make` opens the file (creating it and its folder when absent) and hands the store to the gateway, which
/// applies pending migrations before building any other plugin. It runs no service: SQLite needs no
/// background work.
public enum SQLiteStorePlugin: Plugin {
    public static let id = "sqlite-store"
    public static var isStorage: Bool { true }

    /// The `config` object of `sqlite-store` in plugins.json.
    ///
    /// | key | type | default |
    /// | --- | --- | --- |
    /// | `path` | string: the database file, relative to the working directory | `"tollgate.db"` |
    /// | `busy_timeout_ms` | integer ≥ 0: how long a write waits for another process's lock | `5000` |
    public struct Configuration: PluginConfiguration {
        public static let keys: Set<String> = ["path", "busy_timeout_ms"]

        /// The database file.
        public var path: String
        /// How long, in milliseconds, a statement waits for a lock held by another connection before failing.
        public var busyTimeoutMilliseconds: Int

        /// - Parameters:
        ///   - path: the database file (`tollgate.db`).
        ///   - busyTimeoutMilliseconds: the busy timeout (5000).
        public init(path: String = "tollgate.db", busyTimeoutMilliseconds: Int = 5000) {
            self.path = path
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        }

        private enum CodingKeys: String, CodingKey {
            case path
            case busyTimeoutMilliseconds = "busy_timeout_ms"
        }

        /// Decodes the plugin's `config` object; absent keys take their defaults.
        /// - Throws: `DecodingError` naming the key of a value of the wrong type or out of range.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let defaults = Configuration()
            path = try container.decodeIfPresent(String.self, forKey: .path) ?? defaults.path
            busyTimeoutMilliseconds =
                try container.decodeIfPresent(Int.self, forKey: .busyTimeoutMilliseconds) ?? defaults.busyTimeoutMilliseconds
            if path.isEmpty {
                throw DecodingError.dataCorruptedError(forKey: .path, in: container, debugDescription: "must not be empty")
            }
            if busyTimeoutMilliseconds < 0 {
                throw DecodingError.dataCorruptedError(
                    forKey: .busyTimeoutMilliseconds, in: container, debugDescription: "must be 0 or more")
            }
        }
    }

    /// Opens the database and returns the store.
    /// - Throws: when the file cannot be opened.
    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        let store = try SQLiteGatewayStore(path: configuration.path, busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds)
        return PluginComponents(store: store)
    }
}
