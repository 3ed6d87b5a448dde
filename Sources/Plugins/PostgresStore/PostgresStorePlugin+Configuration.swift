public import GatewayCore

extension PostgresStorePlugin {
    /// The `config` object of `postgres-store` in plugins.json.
    ///
    /// | key | type | default |
    /// | --- | --- | --- |
    /// | `url` | string `postgres://user:pass@host:port/db?sslmode=disable` | none |
    /// | `host` | string (a path starting with `/` is a Unix socket folder) | `"127.0.0.1"` |
    /// | `port` | integer 1–65535 | `5432` |
    /// | `username` | string | `"postgres"` |
    /// | `password` | string | none |
    /// | `database` | string | `"tollgate"` |
    /// | `max_connections` | integer ≥ 1: the pool's size | `20` |
    /// | `tls` | boolean: require TLS | `false` |
    ///
    /// When `url` is set, its parts win; a part it leaves out (port, user, password, database) comes from the key of
    /// the same name. Its `sslmode` (`disable`, `allow`/`prefer`, `require`/`verify-ca`/`verify-full`) wins over
    /// `tls`. A malformed `url` stops startup with an error that names the key and never shows the password.
    public struct Configuration: PluginConfiguration, CustomStringConvertible, CustomDebugStringConvertible {
        public static let keys: Set<String> = ["url", "host", "port", "username", "password", "database", "max_connections", "tls"]

        public var url: String?
        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String
        public var maxConnections: Int
        public var tls: Bool

        /// A configuration from values; the defaults are those of the table above.
        public init(
            url: String? = nil, host: String = "127.0.0.1", port: Int = 5432, username: String = "postgres", password: String? = nil,
            database: String = "tollgate", maxConnections: Int = 20, tls: Bool = false
        ) {
            self.url = url
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.database = database
            self.maxConnections = maxConnections
            self.tls = tls
        }

        private enum CodingKeys: String, CodingKey {
            case url, host, port, username, password, database, tls
            case maxConnections = "max_connections"
        }

        /// Decodes the plugin's `config` object; absent keys take their defaults.
        /// - Throws: `DecodingError` whose coding path names the bad key (`url`, `port`, `max_connections`).
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let defaults = Configuration()
            url = try container.decodeIfPresent(String.self, forKey: .url)
            host = try container.decodeIfPresent(String.self, forKey: .host) ?? defaults.host
            port = try container.decodeIfPresent(Int.self, forKey: .port) ?? defaults.port
            username = try container.decodeIfPresent(String.self, forKey: .username) ?? defaults.username
            password = try container.decodeIfPresent(String.self, forKey: .password)
            database = try container.decodeIfPresent(String.self, forKey: .database) ?? defaults.database
            maxConnections = try container.decodeIfPresent(Int.self, forKey: .maxConnections) ?? defaults.maxConnections
            tls = try container.decodeIfPresent(Bool.self, forKey: .tls) ?? defaults.tls

            if host.isEmpty {
                throw DecodingError.dataCorruptedError(forKey: .host, in: container, debugDescription: "must not be empty")
            }
            if !(1...65535).contains(port) {
                throw DecodingError.dataCorruptedError(forKey: .port, in: container, debugDescription: "must be between 1 and 65535")
            }
            if maxConnections < 1 {
                throw DecodingError.dataCorruptedError(forKey: .maxConnections, in: container, debugDescription: "must be 1 or more")
            }
            do {
                _ = try connectionSettings()
            } catch let error as PostgresURLError {
                // The message describes the problem, never the URL itself: it may hold a password.
                throw DecodingError.dataCorruptedError(forKey: .url, in: container, debugDescription: error.description)
            }
        }

        /// The settings for logs: the password and the `url` are left out.
        public var description: String {
            "postgres-store(\((try? connectionSettings())?.description ?? "invalid url"), max_connections: \(maxConnections))"
        }
        public var debugDescription: String { description }

        /// Where and how to connect: the `url` resolved against the other keys.
        /// - Throws: ``PostgresURLError`` when `url` is malformed.
        public func connectionSettings() throws -> PostgresConnectionSettings {
            let defaults = PostgresConnectionSettings(
                host: host, port: port, username: username, password: password, database: database, tls: tls ? .require : .disable)
            guard let url else { return defaults }
            return try PostgresConnectionSettings(url: url, defaults: defaults)
        }
    }
}
