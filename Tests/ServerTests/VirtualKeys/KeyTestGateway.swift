import Foundation
import GatewayCore
import GatewayTesting
import SQLiteStore
import Testing

/// The storage a `/key/*` test runs on: a SQLite file, or a fresh Postgres database per test.
enum KeyBackend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var postgresServer: String? { ProcessInfo.processInfo.environment["TOLLGATE_TEST_POSTGRES_URL"] }

    /// SQLite always; Postgres when `TOLLGATE_TEST_POSTGRES_URL` is set and `TOLLGATE_SKIP_POSTGRES` is not `1`.
    static var available: [KeyBackend] {
        let skip = ProcessInfo.processInfo.environment["TOLLGATE_SKIP_POSTGRES"] == "1"
        return postgresServer != nil && !skip ? [.sqlite, .postgres] : [.sqlite]
    }
}

/// A running gateway with `virtual-keys` (and `master-key-auth`) on one backend, plus direct access to what it
/// stored (audit rows) for assertions.
struct KeyTestGateway {
    let endpoint: TestEndpoint
    let backend: KeyBackend
    let sqlitePath: String?
    let postgresURL: String?
    static let master = GatewayFixture.masterKey

    /// Runs `body` against a fresh gateway and database.
    /// - Parameters:
    ///   - counting: use the `counting-sqlite-store` (SQLite only) so key lookups can be counted.
    ///   - extraModels: more `model_list` entries (YAML, two-space indented), given the test upstream's base URL.
    ///   - seedSQLite: runs on the SQLite file's path before the gateway starts (SQLite only), to seed data.
    ///   - pluginsAfterKeys: more plugins.json entries (JSON objects) enabled after `virtual-keys`, e.g.
    ///     `{"name": "tool-allowlist"}`.
    static func run(
        _ backend: KeyBackend, cacheTTL: Double = 60, counting: Bool = false, extraModels: @escaping @Sendable (String) -> String = { _ in "" },
        seedSQLite: ((String) async throws -> Void)? = nil, pluginsAfterKeys: [String] = [], _ body: (KeyTestGateway) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let keyPlugins = ([#"{"name": "virtual-keys", "config": {"cache_ttl_seconds": \#(cacheTTL)}}"#] + pluginsAfterKeys).joined(separator: ", ")
        switch backend {
        case .sqlite:
            let path = directory.path + "/tollgate.db"
            let store = counting ? KeyCountingStorePlugin.id : "sqlite-store"
            let plugins = #"{"plugins": [{"name": "\#(store)", "config": {"path": "\#(path)"}}, {"name": "master-key-auth"}, \#(keyPlugins)]}"#
            if let seedSQLite { try await seedSQLite(path) }
            try await serve(plugins: plugins, environment: [:], extraModels: extraModels) { endpoint in
                try await body(KeyTestGateway(endpoint: endpoint, backend: backend, sqlitePath: path, postgresURL: nil))
            }
        case .postgres:
            let plugins = """
                {"plugins": [{"name": "postgres-store", "config": {"url": "os.environ/TEST_DATABASE_URL", "max_connections": 2}},
                  {"name": "master-key-auth"}, \(keyPlugins)]}
                """
            try await Psql.withScratchDatabase(prefix: "tollgate_keys") { url in
                try await serve(plugins: plugins, environment: ["TEST_DATABASE_URL": url], extraModels: extraModels) { endpoint in
                    try await body(KeyTestGateway(endpoint: endpoint, backend: backend, sqlitePath: nil, postgresURL: url))
                }
            }
        }
    }

    private static func serve(
        plugins: String, environment: [String: String], extraModels: (String) -> String, _ body: (TestEndpoint) async throws -> Void
    ) async throws {
        try await TestUpstream.withRunning { upstream, _ in
            try await TestGateway.withRunning(
                config: GatewayFixture.config(upstream: upstream, extra: extraModels(upstream.baseURL)), plugins: plugins,
                extraPlugins: [KeyCountingStorePlugin.self],
                environment: environment
            ) { gateway in try await body(gateway) }
        }
    }

    // MARK: Calls

    func post(_ path: String, _ body: JSON, key: String = master) async throws -> TestEndpoint.Reply {
        try await endpoint.post(path, json: body, key: key)
    }

    func get(_ path: String, key: String = master) async throws -> TestEndpoint.Reply { try await endpoint.get(path, key: key) }

    func chat(_ key: String, model: String = "gpt-test") async throws -> TestEndpoint.Reply {
        try await endpoint.post("/v1/chat/completions", json: GatewayFixture.chat(model), key: key)
    }

    /// `/key/generate` as the master key (or `by`); - Returns: the plain key and its token.
    func generate(_ body: JSON = [:], by caller: String = master) async throws -> (secret: String, token: String) {
        let reply = try await post("/key/generate", body, key: caller)
        #expect(reply.status == 200, "generate failed: \(reply.body)")
        let secret = try #require(reply.json?["key"]?.stringValue)
        let token = try #require(reply.json?["token"]?.stringValue)
        return (secret, token)
    }

    func createUser(_ id: String, role: String = "internal_user") async throws {
        let reply = try await post("/user/new", ["user_id": .string(id), "user_role": .string(role)])
        #expect(reply.status == 200, "user/new failed: \(reply.body)")
    }

    func createTeam(_ id: String, models: [String] = [], admins: [String] = [], metadata: JSON? = nil) async throws {
        let members: [JSON] = admins.map { ["user_id": .string($0), "role": "admin"] }
        var body: JSON = ["team_id": .string(id), "models": .array(models.map { .string($0) }), "members_with_roles": .array(members)]
        if let metadata { body["metadata"] = metadata }
        let reply = try await post("/team/new", body)
        #expect(reply.status == 200, "team/new failed: \(reply.body)")
    }

    // MARK: What was stored

    /// The key audit rows for `objectID` (all key rows when nil), oldest first, as `action`, and the whole row's text.
    func keyAuditRows(objectID: String? = nil) async throws -> [(action: String, text: String)] {
        switch backend {
        case .sqlite:
            let store = try SQLiteGatewayStore(path: try #require(sqlitePath))
            let rows = try await store.auditLogs(objectType: "key", objectID: objectID, limit: 1000)
            return try rows.reversed().map { ($0.action.rawValue, try JSON(encoding: $0).serializedString()) }
        case .postgres:
            let filter = objectID.map { " AND object_id = '\($0)'" } ?? ""
            let output = try await Psql.run(
                "SELECT action || chr(31) || object_id || chr(31) || changed_by || chr(31) || coalesce(before, '') || chr(31) || "
                    + "coalesce(after, '') FROM tollgate_audit_log WHERE object_type = 'key'\(filter) ORDER BY timestamp, id",
                url: try #require(postgresURL))
            return output.split(separator: "\n").map { line in (String(line.split(separator: "\u{1F}").first ?? ""), String(line)) }
        }
    }
}
