import GatewayCore
import PostgresNIO
import ServiceLifecycle
import Testing

@testable import PostgresStore

/// The store contract and the plugin factory on a real Postgres (`TOLLGATE_TEST_POSTGRES_URL`; start one with
/// `scripts/test-postgres start`). Each test gets its own database.
@Suite("Postgres store", .enabled(if: PostgresTestDatabase.isEnabled, "TOLLGATE_SKIP_POSTGRES=1"))
struct PostgresStoreTests {
    @Test("contract", arguments: StoreContract.allCases)
    func contract(_ check: StoreContract) async throws {
        try await PostgresTestDatabase.withStore { store in
            try await check.run(on: store)
        }
    }

    @Test("two instances migrating one database at once both succeed and apply each version once")
    func concurrentMigrations() async throws {
        try await PostgresTestDatabase.withFreshDatabase { settings in
            // Migrations use their own connection, so neither client needs to run.
            let first = PostgresGatewayStore(settings: settings, logger: .silent)
            let second = PostgresGatewayStore(settings: settings, logger: .silent)
            async let firstApplied = first.migrate()
            async let secondApplied = second.migrate()
            let (a, b) = try await (firstApplied, secondApplied)
            #expect((a + b).sorted() == [1, 2, 3, 4, 5, 6, 7, 8, 9])
            try await PostgresTestDatabase.withRunning(first.client) { () async throws in
                #expect(try await first.schemaVersion() == 9)
                #expect(try await first.migrate() == [])
            }
        }
    }

    @Test("migrating a version 2 database to the latest keeps its keys, with default settings, findable by alias")
    func upgradeFromVersion2() async throws {
        try await PostgresTestDatabase.withStore { store in
            #expect(try await store.migrate(upTo: 2) == [1, 2])
            // A key as a schema-2 Tollgate wrote it: no settings column yet.
            try await store.client.query(
                """
                INSERT INTO tollgate_keys (key_hash, key_alias, team_id, models, spend, blocked, created_at, metadata)
                VALUES ('hash-old', 'old', 'team-1', '["gpt-4o"]', 1.5, TRUE, 1700000000.5, '{"a":1}')
                """)
            #expect(try await store.migrate() == [3, 4, 5, 6, 7, 8, 9])
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
        try await PostgresTestDatabase.withStore { store in
            #expect(try await store.migrate(upTo: 4) == [1, 2, 3, 4])
            // Spend logs as a schema-4 Tollgate wrote them.
            for row in StoreContract.legacySpendRows {
                try await store.client.query(
                    """
                    INSERT INTO tollgate_spend_logs
                        (request_id, call_type, start_time, end_time, key_hash, user_id, team_id, end_user, model,
                         prompt_tokens, completion_tokens, spend, status)
                    VALUES (\(row.requestID), \(row.callType), \(row.startTime), \(row.endTime), \(row.keyHash), \(row.userID),
                        \(row.teamID), \(row.endUser), \(row.model), \(row.promptTokens), \(row.completionTokens), \(row.spend),
                        \(row.status))
                    """)
            }
            #expect(try await store.migrate() == [5, 6, 7, 8, 9])
            try await StoreContract.expectSpendUpgraded(store)
        }
    }

    @Test("the plugin factory migrates and returns the store, its client and its change listener as services")
    func pluginFactory() async throws {
        try await PostgresTestDatabase.withFreshDatabase { settings in
            let configuration = PostgresStorePlugin.Configuration(
                host: settings.host, port: settings.port, username: settings.username, password: settings.password,
                database: settings.database, maxConnections: 2)
            let components = try await PostgresStorePlugin.make(configuration: configuration, context: .forTests())
            let store = try #require(components.store)
            #expect(PostgresStorePlugin.id == "postgres-store")
            #expect(PostgresStorePlugin.isStorage)
            #expect(store.kind == "postgres")
            #expect(components.services.count == 2, "the connector, and the listener for other instances' changes")
            #expect(components.services.last is PostgresChangeListener)
            let service = try #require(components.services.first)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                defer { group.cancelAll() }
                #expect(try await store.schemaVersion() == 0, "make leaves migrating to the gateway")
                #expect(try await store.migrate() == [1, 2, 3, 4, 5, 6, 7, 8, 9])
                try await store.checkHealth()
            }
        }
    }

    @Test("the plugin factory accepts a url")
    func pluginFactoryFromURL() async throws {
        try await PostgresTestDatabase.withFreshDatabase { settings in
            let url = "postgres://\(settings.username)@\(settings.host):\(settings.port)/\(settings.database)?sslmode=disable"
            let components = try await PostgresStorePlugin.make(
                configuration: PostgresStorePlugin.Configuration(url: url), context: .forTests())
            let store = try #require(components.store as? PostgresGatewayStore)
            #expect(store.settings.database == settings.database)
            #expect(try await store.migrate() == [1, 2, 3, 4, 5, 6, 7, 8, 9])
        }
    }
}
