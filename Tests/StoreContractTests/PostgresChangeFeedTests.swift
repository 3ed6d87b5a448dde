import Foundation
import GatewayCore
import Synchronization
import Testing

@testable import PostgresStore

/// What one Postgres store's writes tell the other instances on the same database: a notification per committed
/// change, none for a write that did not happen, and what plugins announce.
@Suite("Postgres change feed", .enabled(if: PostgresTestDatabase.isEnabled, "TOLLGATE_SKIP_POSTGRES=1"))
struct PostgresChangeFeedTests {
    @Test("a payload names the change and reads back as it; what cannot be read or sent is everything")
    func payloads() {
        let changes: [StoreChange] = [
            .key(hash: "abc"), .entity(.team, id: "t1"), .entity(.endUser, id: "c \"1\""), .entity(.model, id: "m"), .policy(name: "p"),
            .policyAttachment(id: "att"), .cooldown(deploymentID: "d", until: 1_800_000_000.25), .everything,
        ]
        for change in changes { #expect(StoreChange(notificationPayload: change.notificationPayload) == change) }
        #expect(StoreChange(notificationPayload: "not json") == .everything)
        #expect(StoreChange(notificationPayload: #"{"kind": "gadget", "id": "x"}"#) == .everything)
        #expect(StoreChange(notificationPayload: #"{"kind": "cooldown", "id": "x"}"#) == .everything)
        let huge = StoreChange.entity(.team, id: String(repeating: "x", count: 9000))
        #expect(StoreChange(notificationPayload: huge.notificationPayload) == .everything)
    }

    @Test("another instance hears every committed write and every announcement, after a first flush")
    func delivery() async throws {
        try await Self.withTwoInstances { writer, reader, heard in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await PostgresChangeListener(store: reader).run() }
                group.addTask { try await PostgresChangeListener(store: writer).run() }
                defer { group.cancelAll() }
                try await Self.until { heard() == [.everything] }

                let key = VirtualKeyRecord(keyHash: "hash-1", createdAt: 1)
                try await writer.insertKey(key)
                await #expect(throws: StoreError.self) { try await writer.insertKey(key) }
                #expect(try await writer.deleteKey(hash: "nope") == false)
                try await writer.insertEntity(.team, id: "t1", document: ["team_id": "t1"], audit: StoreFixtures.audit("audit-1"))
                _ = try await writer.createPolicy(name: "p1", content: PolicyContent(), status: .production, by: nil, at: 1)
                writer.changes.announce(.cooldown(deploymentID: "d1", until: 2_000_000_000))
                try await Self.until { heard().count >= 5 }
                // The failed insert and the delete of nothing sent nothing.
                #expect(
                    heard() == [
                        .everything, .key(hash: "hash-1"), .entity(.team, id: "t1"), .policy(name: "p1"),
                        .cooldown(deploymentID: "d1", until: 2_000_000_000),
                    ])
            }
        }
    }

    @Test("an instance that starts listening after a cooldown was announced takes it on; an ended one it does not")
    func cooldownsAnnouncedBeforeListening() async throws {
        try await Self.withTwoInstances { writer, latecomer, heard in
            try await writer.announceCooldown(deploymentID: "a-ended", until: 1)
            try await writer.announceCooldown(deploymentID: "d1", until: 2_000_000_000)
            // An earlier end announced later (another instance's) does not shorten it.
            try await writer.announceCooldown(deploymentID: "d1", until: 1_900_000_000)
            // The latecomer's pool is not running: it reads the cooldowns on its listening connection.
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await PostgresChangeListener(store: latecomer).run() }
                defer { group.cancelAll() }
                try await Self.until { heard().count >= 2 }
                #expect(heard() == [.everything, .cooldown(deploymentID: "d1", until: 2_000_000_000)])
            }
        }
    }

    /// Two stores on a fresh, migrated database, as two instances: `writer`, its pool running, and `reader`, whose
    /// pool is not run and whose delivered changes `heard()` returns, oldest first. Neither listens yet.
    private static func withTwoInstances(
        _ body:
            @escaping @Sendable (
                _ writer: PostgresGatewayStore, _ reader: PostgresGatewayStore, _ heard: @escaping @Sendable () -> [StoreChange]
            ) async throws -> Void
    ) async throws {
        try await PostgresTestDatabase.withFreshDatabase { settings in
            let writer = PostgresGatewayStore(settings: settings, maxConnections: 2, logger: .silent)
            let reader = PostgresGatewayStore(settings: settings, maxConnections: 2, logger: .silent)
            let heard = HeardChanges()
            reader.changes.observe(heard.append)
            _ = try await writer.migrate()
            try await PostgresTestDatabase.withRunning(writer.client) { try await body(writer, reader, heard.all) }
        }
    }

    /// Polls `condition` every 20 ms, for up to 30 s.
    private static func until(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !condition() {
            try #require(ContinuousClock.now < deadline, "timed out")
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// The changes a store's feed delivered, oldest first.
private final class HeardChanges: Sendable {
    private let changes = Mutex<[StoreChange]>([])

    @Sendable func append(_ change: StoreChange) { changes.withLock { $0.append(change) } }

    @Sendable func all() -> [StoreChange] { changes.withLock { $0 } }
}
