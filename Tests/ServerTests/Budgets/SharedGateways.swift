import AsyncHTTPClient
import Foundation
import GatewayCore
import GatewayTesting
import NIOCore
import NIOHTTP1
import Testing

/// Several gateways in this test process, each with its own instance id, on one scratch Postgres database and in
/// front of one ``HoldingUpstream`` (model `held`, priced as ``ReservationGateway`` prices it): what a load balancer
/// sees with several Tollgate instances.
struct SharedGateways {
    let endpoints: [TestEndpoint]
    let gate: Gate
    let databaseURL: String
    /// The held upstream (for gateways the test starts itself).
    var upstream: TestEndpoint?
    static let master = ReservationGateway.master

    /// The plugins of every instance; `budgets` is the budgets plugin's config object.
    static func plugins(budgets: String) -> String {
        """
        {"plugins": [
          {"name": "postgres-store", "config": {"url": "os.environ/TEST_DATABASE_URL", "max_connections": 4}},
          {"name": "master-key-auth"}, {"name": "virtual-keys"}, {"name": "budgets", "config": \(budgets)},
          {"name": "spend-log", "config": {"flush_interval_seconds": 0.05, "journal_dir": "$TMP/journal"}}
        ]}
        """
    }

    static func config(upstream: TestEndpoint) -> String {
        """
        model_list:
          - model_name: held
            litellm_params: {model: openai/held, api_base: "\(upstream.baseURL)/v1", api_key: sk-upstream, timeout: 120}
            model_info: {input_cost_per_token: \(ReservationGateway.inputPrice), output_cost_per_token: \(ReservationGateway.outputPrice)}
        general_settings:
          master_key: \(master)
        """
    }

    /// Runs `body` with `count` gateways named `gw-0`, `gw-1`...; the upstream holds until released (and is released
    /// when `body` ends).
    static func run(count: Int, budgets: String = "{}", _ body: (SharedGateways) async throws -> Void) async throws {
        try await Psql.withScratchDatabase(prefix: "tollgate_shared") { databaseURL in
            try await HoldingUpstream.withRunning { upstream, gate in
                try await nest(count, config: config(upstream: upstream), plugins: plugins(budgets: budgets), databaseURL: databaseURL, started: []) {
                    endpoints in
                    do {
                        try await body(SharedGateways(endpoints: endpoints, gate: gate, databaseURL: databaseURL, upstream: upstream))
                    } catch {
                        await gate.release(.answer)
                        throw error
                    }
                    await gate.release(.answer)
                }
            }
        }
    }

    private static func nest(
        _ count: Int, config: String, plugins: String, databaseURL: String, started: [TestEndpoint], _ body: ([TestEndpoint]) async throws -> Void
    ) async throws {
        guard started.count < count else { return try await body(started) }
        try await TestGateway.withRunning(
            config: config, plugins: plugins, environment: ["TEST_DATABASE_URL": databaseURL], instanceID: "gw-\(started.count)"
        ) { endpoint in
            try await nest(count, config: config, plugins: plugins, databaseURL: databaseURL, started: started + [endpoint], body)
        }
    }

    /// `/key/generate` on the first gateway. - Returns: the plain key.
    func generateKey(_ body: JSON) async throws -> String {
        let reply = try await endpoints[0].post("/key/generate", json: body, key: Self.master)
        #expect(reply.status == 200, "\(reply.body)")
        return try #require(reply.json?["key"]?.stringValue)
    }

    /// Sends `count` copies of `body` at once, round-robin over the gateways, and waits until each is answered or held
    /// upstream. - Returns: the requests, to read refusals from and await.
    func sendAtOnce(_ count: Int, body: JSON, key: String, client: HTTPClient) async throws -> AtOnce {
        try await AtOnce.send(count, to: endpoints, body: body, key: key, client: client, gate: gate)
    }
}
