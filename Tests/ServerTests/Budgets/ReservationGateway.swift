import AsyncHTTPClient
import Foundation
import GatewayCore
import GatewayTesting
import NIOCore
import NIOHTTP1
import Testing

/// A gateway with the spend chain (SQLite store, master key, virtual keys, budgets, spend log) in front of a
/// ``HoldingUpstream``, whose one model `held` costs 0.00001 USD per input and 0.0001 per output token.
struct ReservationGateway: ManagementClient {
    let endpoint: TestEndpoint
    let gate: Gate
    static let master = GatewayFixture.masterKey
    static let inputPrice = 0.00001
    static let outputPrice = 0.0001

    /// `held` as the gateway prices it (its upstream model is in no price table), to compute worst cases as it does.
    static let deployment = Deployment(
        id: "held", modelName: "held", provider: "openai", upstreamModel: "held", inputCostPerToken: inputPrice, outputCostPerToken: outputPrice)

    /// What one answered call costs: 11 prompt and 7 completion tokens (embeddings: 3 prompt tokens).
    static let callCost = 11 * inputPrice + 7 * outputPrice
    static let embeddingCost = 3 * inputPrice

    /// What the gateway reserves for `body` on `held`.
    static func worstCase(_ body: JSON, _ operation: UpstreamOperation = .chatCompletions) -> Double {
        CostCeiling(body: body, operation: operation).cost(on: deployment, outputLimit: nil)
    }

    /// A chat request for `held`: "hello" (2 input tokens) with `max_tokens` 20, so a worst case of 0.00202 USD.
    static func chat(stream: Bool = false) -> JSON {
        ["model": "held", "messages": [["role": "user", "content": "hello"]], "max_tokens": 20, "stream": .bool(stream)]
    }

    /// Runs `body` against a fresh gateway and database; the upstream starts holding, and is opened when `body` ends
    /// (so a failed test does not leave calls hanging).
    /// - Parameter budgets: the `budgets` plugin's config object (JSON text).
    static func run(budgets: String = "{}", _ body: (ReservationGateway) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let plugins = """
            {"plugins": [{"name": "sqlite-store", "config": {"path": "\(directory.path)/tollgate.db"}}, {"name": "master-key-auth"},
              {"name": "virtual-keys"}, {"name": "budgets", "config": \(budgets)}, {"name": "spend-log", "config": {"flush_interval_seconds": 0.05}}]}
            """
        try await HoldingUpstream.withRunning { upstream, gate in
            let config = """
                model_list:
                  - model_name: held
                    litellm_params: {model: openai/held, api_base: "\(upstream.baseURL)/v1", api_key: sk-upstream, timeout: 120}
                    model_info: {input_cost_per_token: \(inputPrice), output_cost_per_token: \(outputPrice)}
                general_settings:
                  master_key: \(master)
                """
            try await TestGateway.withRunning(config: config, plugins: plugins) { endpoint in
                do {
                    try await body(ReservationGateway(endpoint: endpoint, gate: gate))
                } catch {
                    await gate.release(.answer)
                    throw error
                }
                await gate.release(.answer)
            }
        }
    }

    /// The spend-log row of one request, once the spend log has written it.
    func spendRow(requestID: String, timeout: Duration = .seconds(60)) async throws -> JSON {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let row = try await endpoint.get("/spend/logs?request_id=\(requestID)", key: Self.master).json?[0] { return row }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("no spend-log row for request \(requestID)")
    }

    /// Sends `count` copies of `body` at once on their own connections and waits until each is either answered or
    /// held by the upstream (admitted ones stay held: none has settled its cost when the last is admitted).
    /// - Returns: the statuses and bodies of the requests answered while the upstream held; the held ones continue.
    func sendAtOnce(_ count: Int, path: String = "/v1/chat/completions", body: JSON, key: String, client: HTTPClient) async throws -> AtOnce {
        try await AtOnce.send(count, to: [endpoint], path: path, body: body, key: key, client: client, gate: gate)
    }
}

/// The requests ``ReservationGateway/sendAtOnce(_:path:body:key:client:)`` sent: refusals as they came, and the tasks
/// of all of them, to await once the upstream is released.
actor AtOnce {
    private(set) var refusals: [(status: Int, body: String)] = []
    private var tasks: [Task<Int, any Error>] = []

    /// Sends `count` copies of `body` at once, round-robin over `endpoints`, each on its own connection, and waits
    /// until each is either answered or held by the upstream behind `gate`.
    static func send(
        _ count: Int, to endpoints: [TestEndpoint], path: String = "/v1/chat/completions", body: JSON, key: String, client: HTTPClient, gate: Gate
    ) async throws -> AtOnce {
        let answers = AtOnce()
        // The gate counts from its start: this batch is done when `count` more calls arrived or were answered.
        let before = await gate.arrivals + gate.replies
        for index in 0..<count {
            let endpoint = endpoints[index % endpoints.count]
            let task = Task {
                var request = HTTPClientRequest(url: endpoint.baseURL + path)
                request.method = .POST
                request.headers.add(name: "authorization", value: "Bearer \(key)")
                request.headers.add(name: "content-type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: body.serializedString()))
                let response = try await client.execute(request, timeout: .seconds(180))
                let status = Int(response.status.code)
                let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
                if status != 200 {
                    await answers.refused(status: status, body: text)
                    await gate.replied()
                }
                return status
            }
            await answers.track(task)
        }
        try await gate.wait { arrivals, replies in arrivals + replies >= before + count }
        return answers
    }

    func refused(status: Int, body: String) { refusals.append((status, body)) }

    func track(_ task: Task<Int, any Error>) { tasks.append(task) }

    /// Every request's final status (the held ones after the upstream let them go).
    func statuses() async throws -> [Int] {
        var statuses: [Int] = []
        for task in tasks { statuses.append(try await task.value) }
        return statuses
    }
}
