import Foundation
import GatewayCore
import GatewayTesting
import SQLiteStore
import Testing

/// Routing hooks hear of every attempt once (`started`, then `record`); budgets and the spend log see each request
/// once, with the deployment that answered.
struct AttemptHooksTests {
    let key = RoutingFixture.key

    @Test func startedAndRecordOncePerAttemptAndOneCommitPerRequest() async throws {
        let label = UUID().uuidString
        try await TestUpstream.withRunning { upstream, _ in
            let config = RoutingFixture.config(
                [
                    RoutingFixture.entry("a", "flaky-2-status-500", upstream: upstream, id: "a-1"),
                    RoutingFixture.entry("b", "echo", upstream: upstream, id: "b-1"),
                ], routerSettings: ["num_retries: 1", "fallbacks: [{a: [b]}]"])
            try await TestGateway.withRunning(
                config: config, plugins: AttemptProbePlugin.plugins(label: label), extraPlugins: [AttemptProbePlugin.self]
            ) {
                gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("a"), key: key)
                #expect(reply.status == 200, "\(reply.body)")
                var counts = AttemptProbePlugin.counts(label)
                #expect(counts.started == ["a-1", "a-1", "b-1"])
                #expect(counts.recorded.map(\.deployment) == ["a-1", "a-1", "b-1"])
                #expect(counts.recorded.map(\.error) == ["upstream_error", "upstream_error", nil])
                #expect(counts.recorded.map(\.attempts) == [1, 2, 3])
                #expect(counts.recorded.allSatisfy { $0.hasLatency })
                #expect(counts.commits.count == 1)
                #expect(counts.commits.first?.deployment == "b-1")
                #expect(counts.commits.first?.attempts == 3)

                // A stream's attempt is recorded when the stream ended, with its time to first token.
                let streamed = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("b", stream: true), key: key)
                #expect(streamed.status == 200)
                for _ in 0..<50 where AttemptProbePlugin.counts(label).commits.count < 2 { try await Task.sleep(for: .milliseconds(20)) }
                counts = AttemptProbePlugin.counts(label)
                #expect(counts.started.count == 4)
                #expect(counts.recorded.count == 4)
                #expect(counts.recorded.last?.hasTimeToFirstToken == true)
                #expect(counts.commits.count == 2)
            }
        }
    }

    /// Three attempts, one spend-log row, priced once, naming the deployment that answered.
    @Test func spendIsLoggedOncePerRequest() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.path + "/spend.db"
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config(
                [RoutingFixture.entry("a", "flaky-2-status-500", upstream: upstream, id: "a-1")], routerSettings: ["num_retries: 2"])
            try await TestGateway.withRunning(config: config, plugins: SpendLogEndToEndTests.plugins(database: database)) { gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("a"), key: key)
                #expect(reply.status == 200)
                #expect(await recorder.calls.count == 3)
                let store = try SQLiteGatewayStore(path: database)
                let id = try #require(reply.header("x-request-id"))
                var rows: [SpendLogEntry] = []
                for _ in 0..<100 where rows.isEmpty {
                    rows = try await store.spendLogs(SpendLogFilter(), limit: 100, offset: 0)
                    if rows.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
                }
                try await Task.sleep(for: .milliseconds(200))
                rows = try await store.spendLogs(SpendLogFilter(), limit: 100, offset: 0)
                #expect(rows.map(\.requestID) == [id])
                #expect(rows.first?.deploymentID == "a-1")
                #expect(abs((rows.first?.spend ?? 0) - (11 * 0.001 + 7 * 0.002)) < 1e-9)
                #expect(reply.header("x-litellm-response-cost").flatMap(Double.init).map { abs($0 - (11 * 0.001 + 7 * 0.002)) < 1e-9 } == true)
            }
        }
    }
}
