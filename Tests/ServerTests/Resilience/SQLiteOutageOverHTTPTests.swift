import Foundation
import GRDB
import GatewayCore
import GatewayTesting
import Testing

/// `sqlite-store` whose file another process holds locked: writes through the gateway answer 503
/// `storage_unavailable` (not a 500), requests that need no write keep working, and all is well once the lock is
/// released.
struct SQLiteOutageOverHTTPTests {
    @Test func aLockedDatabaseIsA503UntilTheLockIsReleased() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/tollgate.db"
        let plugins = """
            {"plugins": [
              {"name": "sqlite-store", "config": {"path": "\(path)", "busy_timeout_ms": 0}},
              {"name": "master-key-auth"}, {"name": "virtual-keys"}
            ]}
            """
        try await TestUpstream.withRunning { upstream, _ in
            try await TestGateway.withRunning(config: GatewayFixture.config(upstream: upstream), plugins: plugins) { gateway in
                let created = try await gateway.post("/key/generate", json: ["models": ["gpt-test"]], key: GatewayFixture.masterKey)
                let key = try #require(created.json?["key"]?.stringValue)

                let lock = try await SQLiteWriteLock.take(path)
                defer { lock.releaseNow() }
                let refused = try await gateway.post("/key/generate", json: ["models": ["gpt-test"]], key: GatewayFixture.masterKey)
                #expect(refused.status == 503, "\(refused.body)")
                #expect(refused.error?["code"] == "storage_unavailable")
                #expect(!refused.body.contains(path), "the client is not told where the database is")
                let chat = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: key)
                #expect(chat.status == 200, "readers do not wait for the lock (WAL): \(chat.body)")
                await lock.release()

                let again = try await gateway.post("/key/generate", json: ["models": ["gpt-test"]], key: GatewayFixture.masterKey)
                #expect(again.status == 200, "\(again.body)")
            }
        }
    }
}
