import Foundation
import GRDB
import GatewayCore
import GatewayTesting
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
            let lock = try await SQLiteWriteLock.take(path)
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
