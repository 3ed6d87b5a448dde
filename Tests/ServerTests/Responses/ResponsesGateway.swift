import Foundation
import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// A gateway on SQLite or Postgres with virtual keys and the spend log, in front of one ``TestUpstream`` whose
/// request log the tests read, for `/v1/responses` calls that store responses.
struct ResponsesGateway {
    let endpoint: TestEndpoint
    let upstream: UpstreamRecorder
    static let master = GatewayFixture.masterKey

    static func plugins(_ backend: KeyBackend, sqlitePath: String) -> String {
        let store =
            switch backend {
            case .sqlite: #"{"name": "sqlite-store", "config": {"path": "\#(sqlitePath)"}}"#
            case .postgres: #"{"name": "postgres-store", "config": {"url": "os.environ/TEST_DATABASE_URL", "max_connections": 2}}"#
            }
        return """
            {"plugins": [\(store), {"name": "master-key-auth"}, {"name": "virtual-keys"},
              {"name": "spend-log", "config": {"flush_interval_seconds": 0.05}}]}
            """
    }

    /// Runs `body` against `instances` gateways sharing one fresh database (more than one: Postgres only).
    static func run(_ backend: KeyBackend, instances: Int = 1, _ body: ([ResponsesGateway]) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let plugins = plugins(backend, sqlitePath: directory.path + "/tollgate.db")
        try await TestUpstream.withRunning { upstream, recorder in
            let config = GatewayFixture.config(upstream: upstream)
            func serve(_ environment: [String: String], count: Int, running: [ResponsesGateway]) async throws {
                guard count > 0 else { return try await body(running) }
                try await TestGateway.withRunning(
                    config: config, plugins: plugins, environment: environment, instanceID: "responses-\(count)"
                ) { gateway in
                    try await serve(environment, count: count - 1, running: running + [ResponsesGateway(endpoint: gateway, upstream: recorder)])
                }
            }
            switch backend {
            case .sqlite: try await serve([:], count: instances, running: [])
            case .postgres:
                try await Psql.withScratchDatabase(prefix: "tollgate_responses") { url in
                    try await serve(["TEST_DATABASE_URL": url], count: instances, running: [])
                }
            }
        }
    }

    func create(_ body: JSON, key: String = master) async throws -> TestEndpoint.Reply {
        try await endpoint.post("/v1/responses", json: body, key: key)
    }

    /// A new virtual key, in `team` when given. - Returns: the secret.
    func key(team: String? = nil) async throws -> String {
        if let team {
            let created = try await endpoint.post("/team/new", json: ["team_id": .string(team)], key: Self.master)
            #expect(created.status == 200 || created.json?["error"]?["code"] == "already_exists", "team/new: \(created.body)")
        }
        var body: JSON = [:]
        if let team { body["team_id"] = .string(team) }
        let reply = try await endpoint.post("/key/generate", json: body, key: Self.master)
        return try #require(reply.json?["key"]?.stringValue, "key/generate: \(reply.body)")
    }

    func delete(_ path: String, key: String) async throws -> TestEndpoint.Reply {
        try await endpoint.request(.DELETE, path, headers: ["authorization": "Bearer \(key)"])
    }

    /// The messages of the last upstream call.
    func lastMessages() async throws -> [JSON] {
        try #require(await upstream.last?.body["messages"]?.arrayValue)
    }
}
