import Foundation
import GatewayCore
import GatewayTesting
import NIOCore
import SQLiteStore
import Synchronization
import Testing

/// The real binary under load gets SIGTERM: every request it answered has its spend log row once it has exited,
/// the counters equal the rows, and after a restart the counters (and so the budgets) come back from the store.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct SpendDurabilityTests {
    @Test(arguments: KeyBackend.available)
    func sigtermUnderLoadKeepsEveryAnsweredRequestsSpend(_ backend: KeyBackend) async throws {
        switch backend {
        case .sqlite:
            try await run(storage: #"{"name": "sqlite-store", "config": {"path": "tollgate.db"}}"#, environment: [:]) { directory, keyHash in
                let store = try SQLiteGatewayStore(path: directory + "/tollgate.db")
                let rows = try await store.spendLogs(SpendLogFilter(keyHash: keyHash), limit: 1_000_000, offset: 0)
                let counter = try await store.spendCounter(SpendScope(.key, keyHash))?.units ?? -1
                return (Set(rows.map(\.requestID)), counter, rows.map(\.spendUnits).reduce(0, +))
            }
        case .postgres:
            try await Psql.withScratchDatabase(prefix: "tollgate_sigterm") { url in
                let storage = #"{"name": "postgres-store", "config": {"url": "os.environ/TEST_DATABASE_URL", "max_connections": 4}}"#
                try await run(storage: storage, environment: ["TEST_DATABASE_URL": url]) { _, keyHash in
                    let ids = try await Psql.run("SELECT request_id FROM tollgate_spend_logs WHERE key_hash = '\(keyHash)'", url: url)
                    let counter = try await Psql.run(
                        "SELECT units FROM tollgate_spend_counters WHERE kind = 'key' AND id = '\(keyHash)'", url: url)
                    let sum = try await Psql.run(
                        "SELECT coalesce(sum(spend_units), 0) FROM tollgate_spend_logs WHERE key_hash = '\(keyHash)'", url: url)
                    return (Set(ids.split(separator: "\n").map(String.init)), Int64(counter) ?? -1, Int64(sum) ?? -2)
                }
            }
        }
    }

    /// Serves the binary on `storage`, loads it, sends SIGTERM, then checks what `stored` reads from the database
    /// (the answered requests' ids, the key's counter and the sum of its rows' units), and restarts it.
    private func run(
        storage: String, environment: [String: String],
        stored: (_ directory: String, _ keyHash: String) async throws -> (ids: Set<String>, counter: Int64, rowUnits: Int64)
    ) async throws {
        try await TestUpstream.withRunning { upstream, _ in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let config = try directory.write(
                "config.yaml",
                """
                model_list:
                \(BudgetGateway.extraModels(upstream.baseURL))
                general_settings:
                  master_key: \(BudgetGateway.master)
                """)
            let plugins = try directory.write(
                "plugins.json",
                """
                {"plugins": [\(storage), {"name": "master-key-auth"},
                  {"name": "virtual-keys"}, {"name": "budgets"}, {"name": "spend-log"}]}
                """)
            let server = try await ServedGateway.start(config: config, plugins: plugins, directory: directory.path, environment: environment)
            defer { server.process.kill() }
            let reply = try await server.endpoint.post("/key/generate", json: ["max_budget": 1000], key: BudgetGateway.master)
            let key = try #require(reply.json?["key"]?.stringValue)
            let keyHash = try #require(reply.json?["token"]?.stringValue)

            // 32 clients send requests back to back; SIGTERM arrives once 200 were answered, while they go on.
            let answeredSoFar = AnsweredCounter()
            let answered = try await ConcurrentClient.withClient(connections: 32, waitForConnection: .seconds(5)) { client in
                try await withThrowingTaskGroup(of: [String].self) { group in
                    for _ in 0..<32 {
                        group.addTask {
                            var ids: [String] = []
                            while true {
                                guard
                                    let reply = try? await ConcurrentClient.chat(client, server.endpoint, key: key, model: BudgetGateway.pricedModel)
                                else { break }
                                guard reply.status == 200, let id = reply.requestID else { break }
                                ids.append(id)
                                answeredSoFar.value.add(1, ordering: .relaxed)
                            }
                            return ids
                        }
                    }
                    let deadline = ContinuousClock.now + .seconds(60)
                    while answeredSoFar.value.load(ordering: .relaxed) < 200, ContinuousClock.now < deadline {
                        try await Task.sleep(for: .milliseconds(10))
                    }
                    server.process.signal(SIGTERM)
                    return try await group.reduce(into: [String]()) { $0 += $1 }
                }
            }
            let status = try await server.process.waitForExit(timeout: .seconds(30))
            #expect(status == 0, "\(server.process.output.suffix(2000))")
            #expect(answered.count >= 200, "the load ran before the signal (\(answered.count) answered)")

            let (logged, counter, rowUnits) = try await stored(directory.path, keyHash)
            let missing = answered.filter { !logged.contains($0) }
            #expect(missing.isEmpty, "\(missing.count) of \(answered.count) answered requests have no spend row")
            #expect(counter == rowUnits)
            let spend = SpendUnits.usd(counter)

            // Restarted, the gateway knows the spend: the info route shows it and a budget below it blocks.
            let restarted = try await ServedGateway.start(config: config, plugins: plugins, directory: directory.path, environment: environment)
            defer { restarted.process.kill() }
            let info = try await restarted.endpoint.get("/key/info?key=\(keyHash)", key: BudgetGateway.master)
            #expect(info.json?["info"]?["spend"]?.doubleValue == spend)
            let lowered = try await restarted.endpoint.post(
                "/key/update", json: ["key": .string(keyHash), "max_budget": .double(spend / 2)], key: BudgetGateway.master)
            #expect(lowered.status == 200, "\(lowered.body)")
            let blocked = try await restarted.endpoint.post("/v1/chat/completions", json: GatewayFixture.chat(BudgetGateway.pricedModel), key: key)
            #expect(blocked.status == 400, "the restored spend is over the lowered budget: \(blocked.body)")
            restarted.process.signal(SIGTERM)
            _ = try await restarted.process.waitForExit(timeout: .seconds(15))
        }
    }
}

/// How many requests the load has had answered so far, shared by its clients.
private final class AnsweredCounter: Sendable {
    let value = Atomic<Int>(0)
}
