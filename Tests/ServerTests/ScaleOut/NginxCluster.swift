import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// Three `tollgate serve` processes on one scratch Postgres database (`TOLLGATE_TEST_POSTGRES_URL`) behind nginx,
/// deployed as docs/deployment.md describes: every instance with the same config.yaml and plugins.json, its own
/// spend journal, default cache and refresh settings except where a test must rule a mechanism out.
struct NginxCluster {
    let instances: [ClusterInstance]
    let balancer: NginxBalancer
    let databaseURL: String

    static let masterKey = GatewayFixture.masterKey
    /// The model every test request uses: the binary's offline `fake/` provider, priced on output tokens only, so
    /// that a request's worst case (its `max_tokens`) is exactly what it costs (see ``pricedChat(maxTokens:)``).
    static let model = "fake-priced"
    static let outputCostPerToken = 0.001
    static let encryptionKey = "tollgate-test-encryption-key-0123456789abcdef"

    static let config = """
        model_list:
          - model_name: \(model)
            litellm_params:
              model: fake/\(model)
            model_info:
              input_cost_per_token: 0
              output_cost_per_token: \(outputCostPerToken)
        general_settings:
          master_key: \(masterKey)
        """

    /// The repository's plugins.json with `postgres-store`. `refresh_seconds` of `model-management` is set past the
    /// test's length so that a model added on one instance can reach another only by a notification; the key
    /// cache keeps its default TTL (60 s), far above the 1 s a block may take to reach every instance.
    static let plugins = """
        {"plugins": [
          {"name": "postgres-store", "config": {"url": "os.environ/TOLLGATE_DATABASE_URL", "max_connections": 4}},
          {"name": "master-key-auth"},
          {"name": "virtual-keys"},
          {"name": "model-management", "config": {"refresh_seconds": 3600}},
          {"name": "budgets"},
          {"name": "routing"},
          {"name": "spend-log", "config": {"flush_interval_seconds": 0.2, "journal_dir": "spend-journal"}}
        ]}
        """

    /// Starts the cluster on a fresh database, runs `body`, then stops nginx and kills what still runs.
    static func with(instances count: Int = 3, _ body: (NginxCluster) async throws -> Void) async throws {
        _ = try NginxBalancer.binary()  // before anything starts: without nginx the test fails at once, saying so
        try await Psql.withScratchDatabase(prefix: "tollgate_nginx") { url in
            let environment = ["TOLLGATE_DATABASE_URL": url, "TOLLGATE_ENCRYPTION_KEY": encryptionKey]
            let instances = try (1...count).map { try ClusterInstance(number: $0, config: config, plugins: plugins, environment: environment) }
            defer { instances.forEach { $0.remove() } }
            // One after the other: the first applies the migrations, the others find them applied.
            for instance in instances { try await instance.start() }
            let balancer = try await NginxBalancer.start(upstreamPorts: instances.map(\.port))
            do {
                try await body(NginxCluster(instances: instances, balancer: balancer, databaseURL: url))
            } catch {
                await balancer.stop()
                throw error
            }
            await balancer.stop()
        }
    }

    /// Instance `number` (1-based).
    func instance(_ number: Int) -> ClusterInstance { instances[number - 1] }

    /// The instance listening on `port`, as nginx names it in ``NginxBalancer/upstreamHeader``.
    func instanceNumber(port: Int) -> Int? { instances.first { $0.port == port }?.number }

    /// A chat request to ``model`` that asks for at most `maxTokens` output tokens.
    static func pricedChat(maxTokens: Int) -> JSON {
        var body = GatewayFixture.chat(model)
        body["max_tokens"] = .int(maxTokens)
        return body
    }

    /// `/key/generate` on one instance. - Returns: the key and its hash (the spend log's `key_hash`).
    func generateKey(on number: Int, _ body: JSON = [:]) async throws -> (secret: String, hash: String) {
        let reply = try await instance(number).endpoint.post("/key/generate", json: body, key: Self.masterKey)
        guard reply.status == 200, let secret = reply.json?["key"]?.stringValue, let hash = reply.json?["token"]?.stringValue else {
            throw TestFailure("/key/generate on instance \(number) answered \(reply.status): \(reply.body)")
        }
        return (secret, hash)
    }

    /// SQL on the cluster's database. - Returns: one string per row of the first column.
    func rows(_ sql: String) async throws -> [String] {
        try await Psql.run(sql, url: databaseURL).split(separator: "\n").map(String.init)
    }
}
