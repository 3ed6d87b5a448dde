import Foundation
import GRDB
import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// A gateway with every plugin that takes numbers from a caller (virtual keys and the identity routes, budgets,
/// spend log, model management) on a fresh SQLite file or Postgres database, in front of a test upstream, for the
/// tests that send out-of-range numbers. Callers: the master key, and `tg-as-<user>` (an internal user).
struct NumbersGateway: ManagementClient {
    let endpoint: TestEndpoint
    /// The test upstream's OpenAI base URL (`.../v1`), for models created through `/model/new`.
    let upstreamBase: String
    let store: IdentityFixture.Store
    let sqlitePath: String?
    let postgresURL: String?
    static let master = GatewayFixture.masterKey

    /// Runs `body` against a fresh gateway and database on `store`.
    static func run(_ store: IdentityFixture.Store, _ body: (NumbersGateway) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let rest = """
            {"name": "test-role-auth"}, {"name": "master-key-auth"}, {"name": "virtual-keys"}, {"name": "budgets"},
            {"name": "spend-log", "config": {"flush_interval_seconds": 0.05}}, {"name": "model-management"}
            """
        switch store {
        case .sqlite:
            let path = directory.path + "/numbers.db"
            let plugins = #"{"plugins": [{"name": "sqlite-store", "config": {"path": "\#(path)"}}, \#(rest)]}"#
            try await serve(plugins: plugins, environment: [:]) { endpoint, upstream in
                try await body(NumbersGateway(endpoint: endpoint, upstreamBase: upstream, store: store, sqlitePath: path, postgresURL: nil))
            }
        case .postgres:
            let plugins = """
                {"plugins": [{"name": "postgres-store", "config": {"url": "os.environ/TEST_DATABASE_URL", "max_connections": 4}}, \(rest)]}
                """
            try await Psql.withScratchDatabase(prefix: "tollgate_numbers") { url in
                try await serve(plugins: plugins, environment: ["TEST_DATABASE_URL": url]) { endpoint, upstream in
                    try await body(NumbersGateway(endpoint: endpoint, upstreamBase: upstream, store: store, sqlitePath: nil, postgresURL: url))
                }
            }
        }
    }

    private static func serve(
        plugins: String, environment: [String: String], _ body: (TestEndpoint, String) async throws -> Void
    ) async throws {
        var environment = environment
        environment["TOLLGATE_ENCRYPTION_KEY"] = ModelDatabase.encryptionKey
        try await TestUpstream.withRunning { upstream, _ in
            try await TestGateway.withRunning(
                config: GatewayFixture.config(upstream: upstream, extra: BudgetGateway.extraModels(upstream.baseURL)), plugins: plugins,
                extraPlugins: [IdentityFixture.RoleAuthPlugin.self], environment: environment
            ) { gateway in try await body(gateway, upstream.baseURL + "/v1") }
        }
    }

    // MARK: Calls

    func post(_ path: String, _ body: JSON, key: String = master) async throws -> TestEndpoint.Reply {
        try await endpoint.post(path, json: body, key: key)
    }

    /// POSTs a body as raw text (for numbers `JSON` cannot hold, such as `1e400`).
    func post(_ path: String, text: String, key: String = master) async throws -> TestEndpoint.Reply {
        try await endpoint.request(.POST, path, body: text, headers: ["authorization": "Bearer \(key)"])
    }

    func get(_ path: String, key: String = master) async throws -> TestEndpoint.Reply { try await endpoint.get(path, key: key) }

    /// A chat request, to the priced model unless named (it reaches the budget check); `user` names an end user.
    func chat(_ key: String, model: String = BudgetGateway.pricedModel, user: String? = nil) async throws -> TestEndpoint.Reply {
        var body = GatewayFixture.chat(model)
        if let user { body["user"] = .string(user) }
        return try await endpoint.post("/v1/chat/completions", json: body, key: key)
    }

    /// Expects a 400 whose `param` is `field`.
    func expectRefused(_ reply: TestEndpoint.Reply, field: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(reply.status == 400, "\(reply.body)", sourceLocation: sourceLocation)
        #expect(reply.error?["param"]?.stringValue == field, "\(reply.body)", sourceLocation: sourceLocation)
        #expect(reply.error?["type"] == "invalid_request_error", "\(reply.body)", sourceLocation: sourceLocation)
    }

    /// Expects the process to be alive and serving: a chat through a fresh key, and that key's info.
    func expectAlive(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let key = try await generateKey()
        let reply = try await chat(key.secret)
        #expect(reply.status == 200, "\(reply.body)", sourceLocation: sourceLocation)
        #expect(try await get("/key/info?key=\(key.hash)").status == 200, sourceLocation: sourceLocation)
    }

    // MARK: The database

    /// Runs one SQL statement on the gateway's database (to store what an older build could have stored).
    func execute(_ sql: String) async throws {
        switch store {
        case .sqlite:
            let queue = try DatabaseQueue(path: try #require(sqlitePath))
            try await queue.write { try $0.execute(sql: sql) }
        case .postgres:
            _ = try await Psql.run(sql, url: try #require(postgresURL))
        }
    }
}
