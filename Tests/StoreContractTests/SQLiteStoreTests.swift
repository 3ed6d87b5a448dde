import Foundation
import GatewayCore
import SQLiteStore
import Testing

/// The store contract, and what only SQLite has (WAL mode, a file that outlives the process), on real files.
@Suite("SQLite store")
struct SQLiteStoreTests {
    @Test("contract", arguments: StoreContract.allCases)
    func contract(_ check: StoreContract) async throws {
        try await withTemporaryDirectory { folder in
            let store = try SQLiteGatewayStore(path: folder.appendingPathComponent("tollgate.db").path)
            try await check.run(on: store)
        }
    }

    @Test("the database file is in WAL mode")
    func walMode() async throws {
        try await withTemporaryDirectory { folder in
            let store = try SQLiteGatewayStore(path: folder.appendingPathComponent("tollgate.db").path)
            _ = try await store.migrate()
            #expect(try await store.journalMode() == "wal")
        }
    }

    @Test("data persists after the store is reopened")
    func persistsAcrossReopen() async throws {
        try await withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("nested/dir/tollgate.db").path
            let key = StoreFixtures.fullKey(hash: "hash-persist")
            let entry = StoreFixtures.fullEntry(requestID: "req-persist")
            do {
                let store = try SQLiteGatewayStore(path: path)
                #expect(try await store.migrate() == [1, 2])
                try await store.insertKey(key)
                try await store.appendSpendLogs([entry])
            }
            let reopened = try SQLiteGatewayStore(path: path)
            #expect(try await reopened.migrate() == [])
            #expect(try await reopened.schemaVersion() == 2)
            #expect(try await reopened.key(hash: "hash-persist") == key)
            #expect(try await reopened.spendLog(requestID: "req-persist") == entry)
        }
    }

    @Test("two stores migrating one file at once apply each version once")
    func concurrentMigrations() async throws {
        try await withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("tollgate.db").path
            let first = try SQLiteGatewayStore(path: path)
            let second = try SQLiteGatewayStore(path: path)
            async let firstApplied = first.migrate()
            async let secondApplied = second.migrate()
            let applied = try await firstApplied + secondApplied
            #expect(applied.sorted() == [1, 2])
            #expect(try await first.schemaVersion() == 2)
        }
    }

    @Test("the plugin factory opens and returns the store, leaving migrations to the gateway")
    func pluginFactory() async throws {
        try await withTemporaryDirectory { folder in
            let configuration = SQLiteStorePlugin.Configuration(path: folder.appendingPathComponent("plugin.db").path, busyTimeoutMilliseconds: 100)
            let components = try await SQLiteStorePlugin.make(configuration: configuration, context: .forTests())
            let store = try #require(components.store)
            #expect(SQLiteStorePlugin.id == "sqlite-store")
            #expect(SQLiteStorePlugin.isStorage)
            #expect(store.kind == "sqlite")
            #expect(components.services.isEmpty && components.hooks.isEmpty)
            #expect(try await store.schemaVersion() == 0)
            #expect(try await store.migrate() == [1, 2])
            try await store.checkHealth()
        }
    }

    /// Runs `body` with a fresh folder, removed afterwards.
    private func withTemporaryDirectory(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }
}
