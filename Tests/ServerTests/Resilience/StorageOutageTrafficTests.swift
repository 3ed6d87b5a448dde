import Foundation
import GatewayCore
import GatewayTesting
import Synchronization
import Testing

/// The database stops under traffic and comes back, the gateway never restarts: a key in the cache keeps being
/// served past its TTL, a valid key not in the cache answers 503 `storage_unavailable` (not 401), everything works
/// again once the database is back, and every answered request has exactly one spend-log row.
@Suite(.serialized, .timeLimit(.minutes(5)), .enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_POSTGRES"] != "1"))
struct StorageOutageTrafficTests {
    /// A short key cache, so cached keys expire while the database is down and are served stale.
    static let plugins = """
        {"plugins": [
          {"name": "postgres-store", "config": {"url": "os.environ/TEST_DATABASE_URL", "max_connections": 4}},
          {"name": "master-key-auth"}, {"name": "virtual-keys", "config": {"cache_ttl_seconds": 0.5}},
          {"name": "spend-log", "config": {"flush_interval_seconds": 0.05, "write_timeout_seconds": 1}}
        ]}
        """

    @Test func cachedKeysSurviveARestartAndEveryAnsweredRequestIsLoggedOnce() async throws {
        try await ThrowawayPostgres.withCluster { database in
            try await database.start()
            try await TestUpstream.withRunning { upstream, _ in
                try await TestGateway.withRunning(
                    config: GatewayFixture.config(upstream: upstream), plugins: Self.plugins, environment: ["TEST_DATABASE_URL": database.url]
                ) { gateway in
                    let answered = AnsweredRequests()
                    let cached = try await Self.generateKey(gateway)
                    let uncached = try await Self.generateKey(gateway)
                    try await answered.chat(gateway, key: cached, expecting: 200)

                    try await database.stop()
                    let down = try await gateway.get("/health/readiness")
                    #expect(down.status == 503, "\(down.body)")
                    // Load while the database is down, lasting well past the cache's TTL: the cached key is served.
                    for _ in 0..<6 {
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            for _ in 0..<8 { group.addTask { try await answered.chat(gateway, key: cached, expecting: 200) } }
                            try await group.waitForAll()
                        }
                        try await Task.sleep(for: .milliseconds(250))
                    }
                    let refused = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: uncached)
                    #expect(refused.status == 503, "a valid key the gateway cannot look up is not a 401: \(refused.body)")
                    #expect(refused.error?["code"] == "storage_unavailable")
                    #expect(refused.error?["type"] == "api_error")

                    try await database.start()
                    _ = try await StorageOutageStartupTests.waitForReadiness(gateway, within: .seconds(30))
                    try await answered.chat(gateway, key: uncached, expecting: 200)
                    try await answered.chat(gateway, key: cached, expecting: 200)
                    try await answered.chat(gateway, key: try await Self.generateKey(gateway), expecting: 200)

                    // Spend rows written behind, retried through the outage: one per answered request, none twice.
                    let expected = answered.ids
                    #expect(expected.count == 52)
                    let deadline = ContinuousClock.now + .seconds(60)
                    var stored: [String] = []
                    repeat {
                        try await Task.sleep(for: .milliseconds(200))
                        stored = try await database.sql("SELECT request_id FROM tollgate_spend_logs").split(separator: "\n").map(String.init)
                    } while !expected.isSubset(of: stored) && ContinuousClock.now < deadline
                    #expect(expected.subtracting(stored).isEmpty, "answered requests without a spend row: \(expected.subtracting(stored))")
                    #expect(stored.count == Set(stored).count, "a request id has two spend rows")
                }
            }
        }
    }

    /// A new virtual key for `gpt-test`, made with the master key.
    static func generateKey(_ gateway: TestEndpoint) async throws -> String {
        let reply = try await gateway.post("/key/generate", json: ["models": ["gpt-test"]], key: GatewayFixture.masterKey)
        #expect(reply.status == 200, "\(reply.body)")
        return try #require(reply.json?["key"]?.stringValue)
    }
}

/// The request ids of the requests the gateway answered, collected by concurrent clients.
private final class AnsweredRequests: Sendable {
    private let state = Mutex<Set<String>>([])

    var ids: Set<String> { state.withLock { $0 } }

    /// Sends a chat request and records its id. - Throws: when the status is not `expecting`.
    func chat(_ gateway: TestEndpoint, key: String, expecting status: Int) async throws {
        let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: key)
        guard reply.status == status, let id = reply.header("x-request-id") else {
            throw TestFailure("expected \(status), got \(reply.status): \(reply.body)")
        }
        state.withLock { _ = $0.insert(id) }
    }
}
