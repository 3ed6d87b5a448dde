import GatewayCore
import GatewayServer
import GatewayTesting
import SQLiteStore
import Testing

/// Requests through the gateway land in the spend log of a real SQLite file, with the upstream's usage and the
/// deployment's prices, for plain and streamed answers and for failures.
struct SpendLogEndToEndTests {
    let key = GatewayFixture.masterKey

    static func plugins(database: String) -> String {
        """
        {"plugins": [
          {"name": "sqlite-store", "config": {"path": "\(database)"}},
          {"name": "master-key-auth"},
          {"name": "spend-log", "config": {"flush_interval_seconds": 0.05}}
        ]}
        """
    }

    /// Waits until the request's row is in the store (the spend log is written behind the request).
    func row(_ requestID: String?, in store: SQLiteGatewayStore) async throws -> SpendLogEntry {
        let id = try #require(requestID)
        for _ in 0..<100 {
            if let entry = try await store.spendLog(requestID: id) { return entry }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("no spend-log row for \(id)")
        throw CancellationError()
    }

    @Test func plainStreamedAndFailedRequestsAreLogged() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.path + "/spend.db"
        try await TestUpstream.withRunning { upstream, _ in
            try await TestGateway.withRunning(config: GatewayFixture.config(upstream: upstream), plugins: Self.plugins(database: database)) {
                gateway in
                let store = try SQLiteGatewayStore(path: database)
                let expectedCost = 11 * 0.001 + 7 * 0.002

                let plain = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: key)
                let plainRow = try await row(plain.header("x-request-id"), in: store)
                #expect(plainRow.status == "success")
                #expect(plainRow.callType == "chat_completions")
                #expect(plainRow.model == "gpt-test")
                #expect(plainRow.provider == "openai")
                #expect(plainRow.promptTokens == 11)
                #expect(plainRow.completionTokens == 7)
                #expect(abs(plainRow.spend - expectedCost) < 1e-9)

                // A streamed answer is logged after its last chunk, with the usage the upstream streamed.
                let streamed = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("claude-test", stream: true), key: key)
                let streamedRow = try await row(streamed.header("x-request-id"), in: store)
                #expect(streamedRow.status == "success")
                #expect(streamedRow.provider == "anthropic")
                #expect(streamedRow.promptTokens == 11)
                #expect(streamedRow.completionTokens == 7)

                let failed = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("openai-status-500"), key: key)
                let failedRow = try await row(failed.header("x-request-id"), in: store)
                #expect(failedRow.status == "failure")
                #expect(failedRow.errorCode == "upstream_error")
                #expect(failedRow.spend == 0)

                let cut = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("openai-cut-stream", stream: true), key: key)
                #expect(try await row(cut.header("x-request-id"), in: store).status == "failure")

                // A request that never passed auth is not a spend.
                let unauthenticated = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: "sk-nope")
                try await Task.sleep(for: .milliseconds(300))
                #expect(try await store.spendLog(requestID: try #require(unauthenticated.header("x-request-id"))) == nil)
                // No credential is ever stored.
                let recent = try await store.recentSpendLogs(limit: 100)
                #expect(recent.allSatisfy { !$0.metadata.serializedString().contains(key) && $0.keyHash != key })
            }
        }
    }

    @Test func readinessReportsTheStore() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await TestUpstream.withRunning { upstream, _ in
            try await TestGateway.withRunning(
                config: GatewayFixture.config(upstream: upstream), plugins: Self.plugins(database: directory.path + "/ready.db")
            ) { gateway in
                let reply = try await gateway.get("/health/readiness")
                #expect(reply.status == 200)
                #expect(reply.json?["db"] == "connected")
                #expect(reply.json?["storage"] == "sqlite")
                // LiteLLM's fields, for scripts written against its readiness probe.
                #expect(reply.json?["status"] == "connected")
                #expect(reply.json?["litellm_version"]?.stringValue == TollgateVersion.current)
                #expect(reply.json?["cache"] == .null)
                #expect(reply.json?["last_updated"]?.stringValue.flatMap { ISO8601Time.seconds(parsing: $0) } != nil)
            }
            try await TestGateway.withRunning(config: GatewayFixture.config(upstream: upstream), plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.get("/health/readiness")
                #expect(reply.status == 200)
                #expect(reply.json?["storage"] == "none")
            }
        }
    }
}
