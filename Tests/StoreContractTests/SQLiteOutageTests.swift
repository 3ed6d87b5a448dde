import Foundation
import GRDB
import GatewayCore
import Testing

@testable import SQLiteStore

/// A SQLite file the store cannot use now (here: locked by another process past the busy timeout) is
/// ``StoreError/unavailable(_:)``, which the pipeline answers with 503 `storage_unavailable`; on real files.
@Suite("SQLite store outages")
struct SQLiteOutageTests {
    @Test("a write lock held past the busy timeout is unavailable; the store works once it is released")
    func lockedFile() async throws {
        try await withDatabase { path in
            let store = try SQLiteGatewayStore(path: path, busyTimeoutMilliseconds: 0)
            _ = try await store.migrate()
            let lock = try await WriteLock.take(path)
            defer { lock.releaseNow() }
            let error = await #expect(throws: StoreError.self) { try await store.insertKey(StoreFixtures.fullKey(hash: "hash-locked")) }
            #expect(error?.isUnavailable == true, "\(String(describing: error))")
            #expect(error?.message.contains(path) == true)
            #expect(try await store.key(hash: "hash-locked") == nil, "readers do not wait for a writer (WAL)")
            await lock.release()
            try await store.insertKey(StoreFixtures.fullKey(hash: "hash-locked"))
            #expect(try await store.key(hash: "hash-locked") != nil)
        }
    }

    @Test("a query the database refuses is not an outage")
    func constraintIsNotAnOutage() async throws {
        try await withDatabase { path in
            let store = try SQLiteGatewayStore(path: path)
            _ = try await store.migrate()
            let error = await #expect(throws: (any Error).self) {
                try await store.pool.write { db in try db.execute(sql: "INSERT INTO no_such_table VALUES (1)") }
            }
            #expect(error.map { StoreError.isUnavailable($0) } == false)
        }
    }

    private func withDatabase(_ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-sqlite-outage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder.appendingPathComponent("tollgate.db").path)
    }
}

/// SQLite's write lock on a file, held by a connection of another "process" (its own connection, on a thread of
/// its own, in a write transaction that waits) until released.
final class WriteLock: Sendable {
    private let released = DispatchSemaphore(value: 0)
    private let ended = AsyncStream.makeStream(of: Void.self)

    /// Opens the file and holds its write lock. - Returns: once the lock is held.
    static func take(_ path: String) async throws -> WriteLock {
        let lock = WriteLock()
        let queue = try DatabaseQueue(path: path)
        try await withCheckedThrowingContinuation { (held: CheckedContinuation<Void, any Error>) in
            Thread {
                var holding = false
                do {
                    try queue.write { db in
                        // A write takes the lock; the transaction stays open until release().
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
