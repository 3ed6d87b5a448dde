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

                let lock = try await HeldWriteLock.take(path)
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

/// SQLite's write lock on a file, held by a connection of its own on a thread of its own (as another process
/// would) until released.
private final class HeldWriteLock: Sendable {
    private let released = DispatchSemaphore(value: 0)
    private let ended = AsyncStream.makeStream(of: Void.self)

    /// - Returns: once the lock is held.
    static func take(_ path: String) async throws -> HeldWriteLock {
        let lock = HeldWriteLock()
        let queue = try DatabaseQueue(path: path)
        try await withCheckedThrowingContinuation { (held: CheckedContinuation<Void, any Error>) in
            Thread {
                var holding = false
                do {
                    try queue.write { db in
                        try db.execute(sql: "UPDATE tollgate_migrations SET name = name")
                        holding = true
                        held.resume()
                        lock.released.wait()
                    }
                } catch {
                    if !holding { held.resume(throwing: error) }
                }
                lock.ended.continuation.finish()
            }.start()
        }
        return lock
    }

    /// Lets the holder commit, and returns once it has (the lock is free then).
    func release() async {
        released.signal()
        for await _ in ended.stream {}
    }

    /// Lets the holder commit without waiting (cleanup after a failed test).
    func releaseNow() { released.signal() }
}
