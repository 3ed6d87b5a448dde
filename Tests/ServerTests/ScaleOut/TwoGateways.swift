import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// Two gateways in this process on one scratch Postgres database, as two instances behind a load balancer: `a`
/// and `b` share the config, plugins.json and database, and nothing else.
///
/// Caches and refreshes are slow on purpose (keys and objects cached 600 s, models and policies refreshed every
/// 600 s): within a test, only a change notification can explain that one instance sees what the other wrote.
///
/// The tests call the polls outside `#require`/`#expect`: with Swift 6.3, a closure written inside the macro and
/// another closure later in the same test were mixed up (the later call ran the earlier closure).
///
/// Models: the fixture's (`gpt-test` on a ``TestUpstream``...) and `pool`, one deployment on each of two
/// ``RoutingPluginUpstream``s (`broken`, `working`; ids = names), where one failure cools a deployment down for
/// 600 s. Guardrail `no-banana` (keywords, pre-call) is declared but on for no one until a policy says so.
struct TwoGateways {
    let a: TestEndpoint
    let b: TestEndpoint
    let databaseURL: String
    /// The fixture's upstream (`gpt-test`), for models added through the API.
    let upstream: TestEndpoint
    let upstreams: [String: RoutingPluginUpstream]
    static let master = GatewayFixture.masterKey
    /// How soon B must see a change made on A. Far under the 600 s caches, so only a notification explains it; not
    /// the 1 s (measured on its own by `NginxClusterTests`), because here the whole suite may be loading
    /// the machine and one poll's request alone can take most of a second.
    static let propagationBound = 3.0
    static let encryptionKey = ModelDatabase.encryptionKey

    static let plugins = """
        {"plugins": [
          {"name": "postgres-store", "config": {"url": "os.environ/TEST_DATABASE_URL", "max_connections": 2}},
          {"name": "master-key-auth"},
          {"name": "virtual-keys", "config": {"cache_ttl_seconds": 600}},
          {"name": "model-management", "config": {"refresh_seconds": 600}},
          {"name": "budgets"},
          {"name": "policies", "config": {"refresh_seconds": 600}},
          {"name": "guardrails", "config": {"guardrails": [{"name": "no-banana", "kind": "keywords", "keywords": ["banana"]}]}},
          {"name": "routing"},
          {"name": "prometheus"}
        ]}
        """

    /// Runs `body` with two gateways on a fresh database, then stops both.
    static func run(_ body: (TwoGateways) async throws -> Void) async throws {
        try await Psql.withScratchDatabase(prefix: "tollgate_scale") { url in
            try await TestUpstream.withRunning { upstream, _ in
                try await RoutingPluginUpstream.withRunning(["broken", "working"]) { routing, endpoints in
                    let config = GatewayFixture.config(
                        upstream: upstream, extra: pool(zip(routing, endpoints).map { ($0.name, $1) }),
                        generalSettings: "router_settings:\n  allowed_fails: 0\n  cooldown_time: 600")
                    let environment = ["TEST_DATABASE_URL": url, "TOLLGATE_ENCRYPTION_KEY": encryptionKey]
                    // Their own instance ids, as two processes would have (one test process gives both the same default).
                    try await TestGateway.withRunning(config: config, plugins: plugins, environment: environment, instanceID: "scale-a") { a in
                        try await TestGateway.withRunning(config: config, plugins: plugins, environment: environment, instanceID: "scale-b") { b in
                            let byName = Dictionary(uniqueKeysWithValues: routing.map { ($0.name, $0) })
                            try await body(TwoGateways(a: a, b: b, databaseURL: url, upstream: upstream, upstreams: byName))
                        }
                    }
                }
            }
        }
    }

    /// `model_list` entries for model `pool`, one per upstream, each with the upstream's name as its id.
    private static func pool(_ upstreams: [(String, TestEndpoint)]) -> String {
        upstreams.map { name, endpoint in
            """
              - model_name: pool
                litellm_params:
                  model: openai/\(name)-model
                  api_base: \(endpoint.baseURL)/v1
                  api_key: sk-routing-upstream-secret
                  timeout: 30
                model_info:
                  id: \(name)
            """
        }.joined(separator: "\n")
    }

    // MARK: Calls

    static func post(_ gateway: TestEndpoint, _ path: String, _ body: JSON, key: String = master) async throws -> TestEndpoint.Reply {
        try await gateway.post(path, json: body, key: key)
    }

    static func chat(_ gateway: TestEndpoint, key: String, model: String = "gpt-test", text: String = "hello") async throws -> TestEndpoint.Reply {
        try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat(model, text), key: key)
    }

    /// `/key/generate` on `gateway` as the master key. - Returns: the plain key.
    static func generate(on gateway: TestEndpoint, _ body: JSON = [:]) async throws -> String {
        let reply = try await post(gateway, "/key/generate", body)
        #expect(reply.status == 200, "generate failed: \(reply.body)")
        return try #require(reply.json?["key"]?.stringValue)
    }

    /// Returns once `listener` has heard every change `writer` made before the call, and listens: a key unknown to
    /// `listener` (and so cached as unknown for 600 s) is created on `writer`; `listener` serves it only once it
    /// heard that creation (changes arrive in order) or started listening since (which flushes its caches).
    static func waitUntilHeard(on listener: TestEndpoint, from writer: TestEndpoint) async throws {
        let marker = "sk-scale-marker-\(UUID().uuidString.lowercased())"
        #expect(try await chat(listener, key: marker).status == 401)
        _ = try await generate(on: writer, ["key": .string(marker)])
        let heard = try await pollStatus(listener, key: marker) { $0 == 200 }
        try #require(heard != nil, "the listener never heard of the marker key")
    }

    /// Chats on `gateway` with `key` until the answer's status satisfies `expected` or `seconds` have passed.
    /// - Returns: the seconds it took, or nil when it never did.
    static func pollStatus(
        _ gateway: TestEndpoint, key: String, model: String = "gpt-test", text: String = "hello", within seconds: Double = 30,
        until expected: @Sendable (Int) -> Bool
    ) async throws -> Double? {
        let start = ContinuousClock.now
        let deadline = start + .milliseconds(Int64(seconds * 1000))
        repeat {
            let reply = try await chat(gateway, key: key, model: model, text: text)
            if expected(reply.status) { return (ContinuousClock.now - start).inSeconds }
            try await Task.sleep(for: .milliseconds(20))
        } while ContinuousClock.now < deadline
        return nil
    }

    /// Asks `condition` again until it holds or `seconds` have passed.
    /// - Returns: the seconds it took, or nil when it never held.
    static func poll(within seconds: Double = 30, _ condition: @escaping @Sendable () async throws -> Bool) async throws -> Double? {
        let start = ContinuousClock.now
        let deadline = start + .milliseconds(Int64(seconds * 1000))
        repeat {
            if try await condition() { return (ContinuousClock.now - start).inSeconds }
            try await Task.sleep(for: .milliseconds(20))
        } while ContinuousClock.now < deadline
        return nil
    }
}
