import AsyncHTTPClient
import Foundation
import GatewayCore
import GatewayTesting
import NIOCore
import NIOHTTP1
import SQLiteStore
import Testing

/// A gateway with the whole spend chain (storage, master key, virtual keys, budgets, spend log) on one backend,
/// in front of a test upstream, with direct access to the stored counters and rows for assertions.
struct BudgetGateway: ManagementClient {
    let endpoint: TestEndpoint
    let backend: KeyBackend
    let sqlitePath: String?
    let postgresURL: String?
    static let master = GatewayFixture.masterKey

    /// `priced`: a model whose per-token prices are not binary fractions, so exact accounting is really tested.
    static let pricedModel = "priced"
    static let inputPrice = 0.0000013
    static let outputPrice = 0.0000071
    /// What one call to `priced` costs (11 prompt and 7 completion tokens from the test upstream).
    static var costPerCall: Double { 11 * inputPrice + 7 * outputPrice }

    static func extraModels(_ base: String) -> String {
        """
          - model_name: \(pricedModel)
            litellm_params: {model: openai/echo, api_base: "\(base)/v1", api_key: sk-upstream}
            model_info: {input_cost_per_token: \(inputPrice), output_cost_per_token: \(outputPrice)}
          - model_name: priced-slow
            litellm_params: {model: openai/slow-stream, api_base: "\(base)/v1", api_key: sk-upstream}
            model_info: {input_cost_per_token: \(inputPrice), output_cost_per_token: \(outputPrice)}
          - model_name: priced-no-usage
            litellm_params: {model: openai/no-usage, api_base: "\(base)/v1", api_key: sk-upstream}
            model_info: {input_cost_per_token: \(inputPrice), output_cost_per_token: \(outputPrice)}
          - model_name: free
            litellm_params: {model: openai/echo, api_base: "\(base)/v1", api_key: sk-upstream}
            model_info: {input_cost_per_token: 0, output_cost_per_token: 0}
          - model_name: limited-deployment
            litellm_params: {model: openai/echo, api_base: "\(base)/v1", api_key: sk-upstream, rpm: 2}
            model_info: {input_cost_per_token: \(inputPrice), output_cost_per_token: \(outputPrice)}
        """
    }

    /// Runs `body` against a fresh gateway and database.
    /// - Parameter budgets: the `budgets` plugin's config object (JSON text).
    static func run(_ backend: KeyBackend, budgets: String = "{}", _ body: (BudgetGateway) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let rest = """
            {"name": "master-key-auth"}, {"name": "virtual-keys"}, {"name": "budgets", "config": \(budgets)},
            {"name": "spend-log", "config": {"flush_interval_seconds": 0.05}}
            """
        switch backend {
        case .sqlite:
            let path = directory.path + "/tollgate.db"
            let plugins = #"{"plugins": [{"name": "sqlite-store", "config": {"path": "\#(path)"}}, \#(rest)]}"#
            try await serve(plugins: plugins, environment: [:]) { endpoint in
                try await body(BudgetGateway(endpoint: endpoint, backend: backend, sqlitePath: path, postgresURL: nil))
            }
        case .postgres:
            let plugins = """
                {"plugins": [{"name": "postgres-store", "config": {"url": "os.environ/TEST_DATABASE_URL", "max_connections": 4}}, \(rest)]}
                """
            try await Psql.withScratchDatabase(prefix: "tollgate_budget") { url in
                try await serve(plugins: plugins, environment: ["TEST_DATABASE_URL": url]) { endpoint in
                    try await body(BudgetGateway(endpoint: endpoint, backend: backend, sqlitePath: nil, postgresURL: url))
                }
            }
        }
    }

    private static func serve(plugins: String, environment: [String: String], _ body: (TestEndpoint) async throws -> Void) async throws {
        try await TestUpstream.withRunning { upstream, _ in
            try await TestGateway.withRunning(
                config: GatewayFixture.config(upstream: upstream, extra: extraModels(upstream.baseURL)), plugins: plugins,
                environment: environment
            ) { gateway in try await body(gateway) }
        }
    }

    // MARK: Calls

    func post(_ path: String, _ body: JSON, key: String = master) async throws -> TestEndpoint.Reply {
        try await endpoint.post(path, json: body, key: key)
    }

    func get(_ path: String, key: String = master) async throws -> TestEndpoint.Reply { try await endpoint.get(path, key: key) }

    func chat(_ key: String, model: String = pricedModel, body extra: JSON = [:]) async throws -> TestEndpoint.Reply {
        var body = GatewayFixture.chat(model)
        for (name, value) in extra.objectValue ?? [:] { body[name] = value }
        return try await endpoint.post("/v1/chat/completions", json: body, key: key)
    }

    /// Waits until the spend log holds `count` rows for the key (rows are written behind the responses).
    func waitForRows(keyHash: String, count: Int, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        var total = -1
        while ContinuousClock.now < deadline {
            total = try await get("/spend/logs/ui?api_key=\(keyHash)&page_size=1").json?["total"]?.intValue ?? -1
            if total >= count { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("the spend log has \(total) rows for the key, not \(count)")
    }

    // MARK: What was stored

    /// A scope's stored counter and the exact sum of its spend log rows, both in ``SpendUnits``, read from the
    /// database itself.
    func storedSpend(_ scope: SpendScope, rowsWhere column: String, equals value: String) async throws -> (counter: Int64, rows: Int64) {
        switch backend {
        case .sqlite:
            let store = try SQLiteGatewayStore(path: try #require(sqlitePath))
            let counter = try await store.spendCounter(scope)?.units ?? 0
            let filter: SpendLogFilter =
                switch column {
                case "key_hash": SpendLogFilter(keyHash: value)
                case "team_id": SpendLogFilter(teamID: value)
                default: SpendLogFilter(userID: value)
                }
            return (counter, try await store.spendSummary(filter).units)
        case .postgres:
            let url = try #require(postgresURL)
            let counter = try await Psql.run(
                "SELECT coalesce(sum(units), 0) FROM tollgate_spend_counters WHERE kind = '\(scope.kind.rawValue)' AND id = '\(scope.id)'", url: url)
            let rows = try await Psql.run("SELECT coalesce(sum(spend_units), 0) FROM tollgate_spend_logs WHERE \(column) = '\(value)'", url: url)
            return (try #require(Int64(counter)), try #require(Int64(rows)))
        }
    }
}

/// Rate limits count in clock-aligned minutes (``MinuteWindow`` in the budgets plugin), so two calls meant for
/// one window must not straddle a minute boundary: this waits, when less than `seconds` remain in the current
/// minute, until the next one begins.
func waitForRoomInMinuteWindow(_ seconds: Double = 15) async throws {
    let intoMinute = Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 60)
    guard 60 - intoMinute < seconds else { return }
    try await Task.sleep(for: .seconds(60 - intoMinute + 0.05))
}

/// An HTTP client that really opens `connections` connections, so that many requests are in flight at once
/// (the shared client queues past a handful per host).
///
/// The connections are capped at the kernel's listen-queue limit (`net.core.somaxconn`): a burst of more
/// simultaneous connects than the queue holds gets some of them reset on a loaded machine, which is the kernel's
/// limit and not the gateway's behaviour. Past the cap, the requests wait in the client for a free connection.
enum ConcurrentClient {
    /// - Parameter waitForConnection: how long a request may wait for a connection (the pool also keeps retrying
    ///   a refused connect that long).
    static func withClient<T>(connections: Int, waitForConnection: TimeAmount = .seconds(120), _ body: (HTTPClient) async throws -> T) async throws
        -> T
    {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(
            idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: min(connections, listenQueueLimit))
        // Requests past the cap wait for a connection; on a loaded machine that can take longer than the default 10 s.
        configuration.timeout = .init(connect: waitForConnection, read: .seconds(120))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// `net.core.somaxconn`, or 4096 where it cannot be read.
    static let listenQueueLimit: Int = {
        let text = try? String(contentsOfFile: "/proc/sys/net/core/somaxconn", encoding: .utf8)
        return text.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 4096
    }()

    /// POSTs a chat request (`GatewayFixture.chat(model)` unless `body` is given); - Returns: status, the
    /// `x-request-id` and the body.
    static func chat(
        _ client: HTTPClient, _ endpoint: TestEndpoint, key: String, model: String, body: JSON? = nil
    ) async throws -> (status: Int, requestID: String?, body: String) {
        var request = HTTPClientRequest(url: endpoint.baseURL + "/v1/chat/completions")
        request.method = .POST
        request.headers.add(name: "authorization", value: "Bearer \(key)")
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: (body ?? GatewayFixture.chat(model)).serializedString()))
        let response = try await client.execute(request, timeout: .seconds(120))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), response.headers.first(name: "x-request-id"), String(buffer: body))
    }
}
