import Foundation
import GatewayCore
import PostgresStore
import SQLiteStore
import Testing

/// Decoding the storage plugins' `config` objects from plugins.json. Needs no database.
@Suite("Storage plugin configuration")
struct StorePluginConfigurationTests {
    private func decode<C: PluginConfiguration>(_ type: C.Type, _ json: String) throws -> C {
        try JSONDecoder().decode(C.self, from: Data(json.utf8))
    }

    @Test("sqlite-store: an empty config takes every default")
    func sqliteDefaults() throws {
        let configuration = try decode(SQLiteStorePlugin.Configuration.self, "{}")
        #expect(configuration.path == "tollgate.db")
        #expect(configuration.busyTimeoutMilliseconds == 5000)
    }

    @Test("sqlite-store: every key is read")
    func sqliteKeys() throws {
        let configuration = try decode(SQLiteStorePlugin.Configuration.self, #"{"path": "/var/lib/tollgate.db", "busy_timeout_ms": 250}"#)
        #expect(configuration.path == "/var/lib/tollgate.db")
        #expect(configuration.busyTimeoutMilliseconds == 250)
        #expect(SQLiteStorePlugin.Configuration.keys == ["path", "busy_timeout_ms"])
    }

    @Test("sqlite-store: bad values name their key", arguments: [#"{"busy_timeout_ms": -1}"#, #"{"busy_timeout_ms": "5"}"#, #"{"path": ""}"#])
    func sqliteBadValues(_ json: String) throws {
        let error = #expect(throws: DecodingError.self) { try decode(SQLiteStorePlugin.Configuration.self, json) }
        let key = json.contains("path") ? "path" : "busy_timeout_ms"
        #expect(error.map { String(describing: $0).contains(key) } == true)
    }

    @Test("postgres-store: an empty config takes every default")
    func postgresDefaults() throws {
        let configuration = try decode(PostgresStorePlugin.Configuration.self, "{}")
        #expect(configuration.url == nil)
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 5432)
        #expect(configuration.username == "postgres")
        #expect(configuration.password == nil)
        #expect(configuration.database == "tollgate")
        #expect(configuration.maxConnections == 20)
        #expect(configuration.tls == false)
        let settings = try configuration.connectionSettings()
        #expect(settings == PostgresConnectionSettings(host: "127.0.0.1", port: 5432, username: "postgres", password: nil, database: "tollgate"))
    }

    @Test("postgres-store: discrete keys are read")
    func postgresKeys() throws {
        let configuration = try decode(
            PostgresStorePlugin.Configuration.self,
            #"{"host": "db.internal", "port": 6432, "username": "gw", "password": "s3cret", "database": "gateway", "max_connections": 5, "tls": true}"#
        )
        let settings = try configuration.connectionSettings()
        #expect(
            settings
                == PostgresConnectionSettings(host: "db.internal", port: 6432, username: "gw", password: "s3cret", database: "gateway", tls: .require)
        )
        #expect(configuration.maxConnections == 5)
        #expect(PostgresStorePlugin.Configuration.keys.count == 8)
    }

    @Test("postgres-store: a url sets every part it names")
    func postgresURL() throws {
        let configuration = try decode(
            PostgresStorePlugin.Configuration.self, #"{"url": "postgresql://gw:p%40ss%2Fword@db.example.com:6543/gateway?sslmode=require"}"#)
        let settings = try configuration.connectionSettings()
        #expect(settings.host == "db.example.com")
        #expect(settings.port == 6543)
        #expect(settings.username == "gw")
        #expect(settings.password == "p@ss/word")
        #expect(settings.database == "gateway")
        #expect(settings.tls == .require)
    }

    @Test("postgres-store: parts a url leaves out come from the other keys")
    func postgresURLFallbacks() throws {
        let configuration = try decode(
            PostgresStorePlugin.Configuration.self, #"{"url": "postgres://db.example.com", "username": "gw", "database": "gateway", "tls": true}"#)
        let settings = try configuration.connectionSettings()
        #expect(
            settings
                == PostgresConnectionSettings(host: "db.example.com", port: 5432, username: "gw", password: nil, database: "gateway", tls: .require))
        let disabled = try decode(PostgresStorePlugin.Configuration.self, #"{"url": "postgres://h/db?sslmode=disable", "tls": true}"#)
        #expect(try disabled.connectionSettings().tls == .disable, "sslmode wins over tls")
    }

    @Test(
        "postgres-store: a malformed url names the key and hides the password",
        arguments: [
            "mysql://user:hunter2@host/db", "postgres://user:hunter2@/db", "postgres://user:hunter2@host/db?sslmode=sometimes", "not a url hunter2",
            "postgres://user:hunter2@host:99999/db",
        ])
    func postgresMalformedURL(_ url: String) throws {
        let json = String(decoding: try JSONEncoder().encode(["url": url]), as: UTF8.self)
        let error = #expect(throws: DecodingError.self) { try decode(PostgresStorePlugin.Configuration.self, json) }
        let text = error.map { String(describing: $0) } ?? ""
        #expect(text.contains("url"))
        #expect(!text.contains("hunter2"))
    }

    @Test("postgres-store: bad values name their key", arguments: [#"{"port": 0}"#, #"{"max_connections": 0}"#, #"{"tls": "yes"}"#])
    func postgresBadValues(_ json: String) throws {
        let error = #expect(throws: DecodingError.self) { try decode(PostgresStorePlugin.Configuration.self, json) }
        let key = ["port", "max_connections", "tls"].first { json.contains($0) } ?? ""
        #expect(error.map { String(describing: $0).contains(key) } == true)
    }

    @Test("postgres-store: descriptions never show the password")
    func postgresRedaction() throws {
        let configuration = try decode(PostgresStorePlugin.Configuration.self, #"{"url": "postgres://gw:hunter2@db/gateway"}"#)
        #expect(!String(describing: configuration).contains("hunter2"))
        #expect(!String(reflecting: configuration).contains("hunter2"))
        #expect(!String(describing: try configuration.connectionSettings()).contains("hunter2"))
        #expect(String(describing: try configuration.connectionSettings()) == "gw@db:5432/gateway")
    }

    @Test("postgres-store: an unreachable database fails the startup migration with an error naming it, not its password")
    func postgresUnreachable() async throws {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        let configuration = PostgresStorePlugin.Configuration(url: "postgres://gw:hunter2@127.0.0.1:1/gateway")
        let components = try await PostgresStorePlugin.make(configuration: configuration, context: .forTests())
        let store = try #require(components.store)
        // Startup's first use of the store is the migration the gateway applies right after `make`.
        let error = await #expect(throws: StoreError.self) {
            _ = try await store.migrate()
        }
        #expect(error?.message.contains("gw@127.0.0.1:1/gateway") == true)
        #expect(error?.message.contains("hunter2") == false)
    }
}
