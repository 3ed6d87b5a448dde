import Foundation
import GatewayCore
import GatewayTesting
import NIOHTTP1
import SQLiteStore
import Testing

/// A database for the model-management tests that outlives one gateway, so a test can restart the gateway on it.
struct ModelDatabase: Sendable {
    let store: IdentityFixture.Store
    let sqlitePath: String?
    let postgresURL: String?

    static let encryptionKey = "tollgate-test-encryption-key-0123456789abcdef"

    /// Runs `body` with a fresh database on `store`.
    static func with(_ store: IdentityFixture.Store, _ body: (ModelDatabase) async throws -> Void) async throws {
        switch store {
        case .sqlite:
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            try await body(ModelDatabase(store: store, sqlitePath: directory.path + "/models.db", postgresURL: nil))
        case .postgres:
            try await Psql.withScratchDatabase(prefix: "tollgate_models") { url in
                try await body(ModelDatabase(store: store, sqlitePath: nil, postgresURL: url))
            }
        }
    }

    /// plugins.json: the store, master-key auth, virtual keys and model management.
    var plugins: String {
        let storage =
            switch store {
            case .sqlite: #"{"name": "sqlite-store", "config": {"path": "\#(sqlitePath!)"}}"#
            case .postgres: #"{"name": "postgres-store", "config": {"url": "os.environ/TEST_DATABASE_URL", "max_connections": 2}}"#
            }
        return #"{"plugins": [\#(storage), {"name": "master-key-auth"}, {"name": "virtual-keys"}, {"name": "model-management"}]}"#
    }

    /// The environment the gateway starts with; `encryptionKey` nil leaves the variable unset.
    func environment(encryptionKey: String? = Self.encryptionKey) -> [String: String] {
        var environment: [String: String] = [:]
        if let postgresURL { environment["TEST_DATABASE_URL"] = postgresURL }
        if let encryptionKey { environment["TOLLGATE_ENCRYPTION_KEY"] = encryptionKey }
        return environment
    }

    /// The stored model documents as the database holds them, as text.
    func storedModelsText() async throws -> String {
        switch store {
        case .sqlite:
            let store = try SQLiteGatewayStore(path: try #require(sqlitePath))
            let documents = try await store.listEntities(.model, where: nil, limit: 1000, offset: 0)
            return try documents.map { try $0.serializedString() }.joined(separator: "\n")
        case .postgres:
            return try await Psql.run("SELECT document FROM tollgate_entities WHERE kind = 'model'", url: try #require(postgresURL))
        }
    }

    /// Every audit row about models, as text.
    func modelAuditText() async throws -> String {
        switch store {
        case .sqlite:
            let store = try SQLiteGatewayStore(path: try #require(sqlitePath))
            return try await store.auditLogs(objectType: "model", objectID: nil, limit: 1000).map { try JSON(encoding: $0).serializedString() }
                .joined(separator: "\n")
        case .postgres:
            return try await Psql.run(
                "SELECT action || ' ' || object_id || ' ' || coalesce(before, '') || ' ' || coalesce(after, '') FROM tollgate_audit_log "
                    + "WHERE object_type = 'model'", url: try #require(postgresURL))
        }
    }
}

/// A running gateway on a ``ModelDatabase`` in front of a test upstream.
struct ModelTestGateway {
    let endpoint: TestEndpoint
    let upstream: TestEndpoint
    let recorder: UpstreamRecorder
    static let master = GatewayFixture.masterKey

    /// Starts a test upstream and a gateway on `database`, runs `body`, stops both.
    static func run(
        _ database: ModelDatabase, encryptionKey: String? = ModelDatabase.encryptionKey, _ body: (ModelTestGateway) async throws -> Void
    ) async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            try await run(database, upstream: upstream, recorder: recorder, encryptionKey: encryptionKey, body)
        }
    }

    /// Starts a gateway on `database` in front of a running upstream (which may outlive several gateways).
    static func run(
        _ database: ModelDatabase, upstream: TestEndpoint, recorder: UpstreamRecorder, encryptionKey: String? = ModelDatabase.encryptionKey,
        _ body: (ModelTestGateway) async throws -> Void
    ) async throws {
        try await TestGateway.withRunning(
            config: GatewayFixture.config(upstream: upstream), plugins: database.plugins,
            environment: database.environment(encryptionKey: encryptionKey)
        ) { gateway in
            try await body(ModelTestGateway(endpoint: gateway, upstream: upstream, recorder: recorder))
        }
    }

    func post(_ path: String, _ body: JSON, key: String = master) async throws -> TestEndpoint.Reply {
        try await endpoint.post(path, json: body, key: key)
    }

    func get(_ path: String, key: String = master) async throws -> TestEndpoint.Reply { try await endpoint.get(path, key: key) }

    func patch(_ path: String, _ body: JSON, key: String = master) async throws -> TestEndpoint.Reply {
        try await endpoint.request(.PATCH, path, body: try body.serializedString(), headers: ["authorization": "Bearer \(key)"])
    }

    func chat(_ model: String, key: String = master) async throws -> TestEndpoint.Reply {
        try await endpoint.post("/v1/chat/completions", json: GatewayFixture.chat(model), key: key)
    }

    /// A `/model/new` body for an OpenAI-format deployment on the test upstream.
    func newModel(_ name: String, upstreamModel: String, apiKey: String = "sk-db-secret-1", info: JSON = [:]) -> JSON {
        [
            "model_name": .string(name),
            "litellm_params": [
                "model": .string("openai/\(upstreamModel)"), "api_base": .string("\(upstream.baseURL)/v1"), "api_key": .string(apiKey),
            ],
            "model_info": info,
        ]
    }

    /// Adds a model as the master key. - Returns: its id.
    @discardableResult
    func addModel(_ name: String, upstreamModel: String, apiKey: String = "sk-db-secret-1", info: JSON = [:]) async throws -> String {
        let reply = try await post("/model/new", newModel(name, upstreamModel: upstreamModel, apiKey: apiKey, info: info))
        #expect(reply.status == 200, "model/new failed: \(reply.body)")
        return try #require(reply.json?["model_info"]?["id"]?.stringValue)
    }
}

extension ModelTestGateway {
    /// Creates a team (optionally limited to `models`, with `admins` as team admins).
    func createTeam(_ id: String, models: [String] = [], admins: [String] = []) async throws {
        let members: [JSON] = admins.map { ["user_id": .string($0), "role": "admin"] }
        let reply = try await post(
            "/team/new", ["team_id": .string(id), "models": .array(models.map { .string($0) }), "members_with_roles": .array(members)])
        #expect(reply.status == 200, "team/new failed: \(reply.body)")
    }

    /// A new virtual key with the given `/key/generate` fields. - Returns: the plain key.
    func generateKey(_ fields: JSON) async throws -> String {
        let reply = try await post("/key/generate", fields)
        #expect(reply.status == 200, "key/generate failed: \(reply.body)")
        return try #require(reply.json?["key"]?.stringValue)
    }

    /// The upstream model names called so far, with how often each was called.
    func upstreamCalls() async -> [String: Int] {
        await recorder.calls.reduce(into: [:]) { counts, call in counts[call.model, default: 0] += 1 }
    }
}
