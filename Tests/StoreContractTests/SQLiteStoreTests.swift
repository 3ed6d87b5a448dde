import Foundation
import GRDB
import GatewayCore
import Testing

@testable import SQLiteStore

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

    @Test("a store of one process shares no limits: the budgets plugin keeps them in memory")
    func noSharedLimits() async throws {
        try await withTemporaryDirectory { folder in
            let store = try SQLiteGatewayStore(path: folder.appendingPathComponent("tollgate.db").path)
            #expect(store.sharedLimits == nil)
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
                #expect(try await store.migrate() == [1, 2, 3, 4, 5, 6, 7])
                try await store.insertKey(key)
                try await store.appendSpendLogs([entry])
            }
            let reopened = try SQLiteGatewayStore(path: path)
            #expect(try await reopened.migrate() == [])
            #expect(try await reopened.schemaVersion() == 7)
            #expect(try await reopened.key(hash: "hash-persist") == key)
            #expect(try await reopened.spendLog(requestID: "req-persist") == entry)
        }
    }

    @Test("migrating a version 2 database to the latest keeps its keys, with default settings, findable by alias")
    func upgradeFromVersion2() async throws {
        try await withTemporaryDirectory { folder in
            let store = try SQLiteGatewayStore(path: folder.appendingPathComponent("tollgate.db").path)
            #expect(try await store.migrate(upTo: 2) == [1, 2])
            // A key as a schema-2 Tollgate wrote it: no settings column yet.
            try await store.pool.write { db in
                try db.execute(
                    literal: """
                        INSERT INTO tollgate_keys (key_hash, key_alias, team_id, models, spend, blocked, created_at, metadata)
                        VALUES ('hash-old', 'old', 'team-1', '["gpt-4o"]', 1.5, 1, 1700000000.5, '{"a":1}')
                        """)
            }
            #expect(try await store.migrate() == [3, 4, 5, 6, 7])
            let expected = VirtualKeyRecord(
                keyHash: "hash-old", keyAlias: "old", teamID: "team-1", models: ["gpt-4o"], spend: 1.5, blocked: true, createdAt: 1_700_000_000.5,
                metadata: ["a": 1])
            #expect(try await store.key(hash: "hash-old") == expected)
            #expect(try await store.keys(alias: "old") == [expected], "old keys are found by alias after migration 4")
            #expect(try await store.key(hash: "hash-old")?.settings == KeySettings())
            #expect(try await store.listKeys(where: EntityReference(.teamID, "team-1"), limit: 10, offset: 0) == [expected])
            #expect(try await store.entity(.team, id: "team-1") == nil, "the new tables exist and are empty")
            #expect(try await store.auditLogs(objectType: nil, objectID: nil, limit: 10) == [])
        }
    }

    @Test("migrating a version 4 database fills in spend units and counters for its spend logs")
    func upgradeFromVersion4() async throws {
        try await withTemporaryDirectory { folder in
            let store = try SQLiteGatewayStore(path: folder.appendingPathComponent("tollgate.db").path)
            #expect(try await store.migrate(upTo: 4) == [1, 2, 3, 4])
            // Spend logs as a schema-4 Tollgate wrote them.
            try await store.pool.write { db in
                for row in StoreContract.legacySpendRows {
                    try db.execute(
                        literal: """
                            INSERT INTO tollgate_spend_logs
                                (request_id, call_type, start_time, end_time, key_hash, user_id, team_id, end_user, model,
                                 prompt_tokens, completion_tokens, spend, status)
                            VALUES (\(row.requestID), \(row.callType), \(row.startTime), \(row.endTime), \(row.keyHash), \(row.userID),
                                \(row.teamID), \(row.endUser), \(row.model), \(row.promptTokens), \(row.completionTokens), \(row.spend),
                                \(row.status))
                            """)
                }
            }
            #expect(try await store.migrate() == [5, 6, 7])
            try await StoreContract.expectSpendUpgraded(store)
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
            #expect(applied.sorted() == [1, 2, 3, 4, 5, 6, 7])
            #expect(try await first.schemaVersion() == 7)
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
            #expect(try await store.migrate() == [1, 2, 3, 4, 5, 6, 7])
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
