import Foundation
import PostgresNIO

/// Where and how the Postgres store connects, resolved from its configuration; makes the driver's
/// configurations for the pool (`PostgresClient`) and for the migration connection (`PostgresConnection`).
public struct PostgresConnectionSettings: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// How much TLS to ask for.
    public enum TLSMode: Sendable, Equatable {
        case disable, prefer, require
    }

    /// A host name, an IP address, or (starting with `/`) the folder of the server's Unix socket.
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(host: String, port: Int = 5432, username: String, password: String?, database: String, tls: TLSMode = .disable) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Settings from a `postgres://user:pass@host:port/db?sslmode=...` URL; parts it omits come from `defaults`.
    /// - Throws: ``PostgresURLError`` naming what is wrong, without the URL.
    public init(url: String, defaults: PostgresConnectionSettings) throws {
        guard let components = URLComponents(string: url) else { throw PostgresURLError.malformed }
        guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw PostgresURLError.scheme
        }
        guard let host = components.host, !host.isEmpty else { throw PostgresURLError.host }
        self = defaults
        self.host = host
        if let port = components.port {
            guard (1...65535).contains(port) else { throw PostgresURLError.port }
            self.port = port
        }
        if let user = components.user, !user.isEmpty { username = user }
        if let password = components.password { self.password = password }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        if !path.isEmpty { database = path.removingPercentEncoding ?? path }
        if let mode = components.queryItems?.last(where: { $0.name == "sslmode" })?.value {
            switch mode {
            case "disable": tls = .disable
            case "allow", "prefer": tls = .prefer
            case "require", "verify-ca", "verify-full": tls = .require
            default: throw PostgresURLError.sslMode(mode)
            }
        }
    }

    /// `user@host:port/database`, for logs: never the password.
    public var description: String { "\(username)@\(host):\(port)/\(database)" }
    public var debugDescription: String { description }

    private var isUnixSocket: Bool { host.hasPrefix("/") }
    /// The socket file libpq would use for a folder `host`.
    private var unixSocketPath: String { "\(host)/.s.PGSQL.\(port)" }

    /// The pool's configuration.
    func clientConfiguration(maxConnections: Int) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if isUnixSocket {
            configuration = .init(unixSocketPath: unixSocketPath, username: username, password: password, database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS =
                switch self.tls {
                case .disable: .disable
                case .prefer: .prefer(.makeClientConfiguration())
                case .require: .require(.makeClientConfiguration())
                }
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: tls)
        }
        configuration.options.maximumConnections = maxConnections
        return configuration
    }

    /// The configuration of a single connection (used for migrations).
    /// - Throws: when the TLS context cannot be made.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        if isUnixSocket {
            return .init(unixSocketPath: unixSocketPath, username: username, password: password, database: database)
        }
        let tls: PostgresConnection.Configuration.TLS =
            switch self.tls {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        return .init(host: host, port: port, username: username, password: password, database: database, tls: tls)
    }
}
