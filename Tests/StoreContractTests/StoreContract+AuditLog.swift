import GatewayCore
import Testing

/// The audit log: rows round-trip, list newest first with optional filters, and commit or roll back with their write.
extension StoreContract {
    static func auditLogRoundTripsEveryField(_ store: any GatewayStore) async throws {
        let full = AuditLogEntry(
            id: "audit-full", timestamp: 1_700_000_000.123456, changedBy: "user-1", action: .updated, objectType: "team", objectID: "team-1",
            before: StoreFixtures.metadata, after: ["models": ["gpt-4o"], "blocked": true, "budget": 0.1])
        let bare = AuditLogEntry(
            id: "audit-bare", timestamp: 5, changedBy: "master_key", action: .deleted, objectType: "model", objectID: "m-1", before: nil,
            after: nil)
        let nullDocument = StoreFixtures.audit("audit-null", at: 4, before: .null, after: .null)
        try await store.appendAuditLog(full)
        try await store.appendAuditLog(bare)
        try await store.appendAuditLog(nullDocument)
        #expect(try await store.auditLogs(objectType: nil, objectID: nil, limit: 10) == [full, bare, nullDocument])

        let error = await #expect(throws: StoreError.self) { try await store.appendAuditLog(StoreFixtures.audit("audit-full")) }
        #expect(error?.isConflict == true)
        #expect(try await store.auditLogs(objectType: nil, objectID: nil, limit: 10).first == full, "the stored row is untouched")
    }

    static func auditLogsAreNewestFirstAndFiltered(_ store: any GatewayStore) async throws {
        #expect(try await store.auditLogs(objectType: nil, objectID: nil, limit: 10) == [])
        let rows = [
            StoreFixtures.audit("r1", at: 100, objectType: "team", objectID: "t1"),
            StoreFixtures.audit("r2", at: 300, objectType: "team", objectID: "t2"),
            StoreFixtures.audit("r3", at: 200, objectType: "key", objectID: "t1"),
            // Same time as r2: ties go by id, descending, in byte order ("audit-a" > "audit-B").
            StoreFixtures.audit("audit-B", at: 300, objectType: "team", objectID: "t1"),
            StoreFixtures.audit("audit-a", at: 300, objectType: "team", objectID: "t1"),
            StoreFixtures.audit("r0", at: 50, objectType: "team", objectID: "t1"),
        ]
        for row in rows { try await store.appendAuditLog(row) }
        func ids(_ type: String?, _ id: String?, limit: Int = 10) async throws -> [String] {
            try await store.auditLogs(objectType: type, objectID: id, limit: limit).map(\.id)
        }
        #expect(try await ids(nil, nil) == ["r2", "audit-a", "audit-B", "r3", "r1", "r0"])
        #expect(try await ids("team", nil) == ["r2", "audit-a", "audit-B", "r1", "r0"])
        #expect(try await ids("team", "t1") == ["audit-a", "audit-B", "r1", "r0"])
        #expect(try await ids(nil, "t1") == ["audit-a", "audit-B", "r3", "r1", "r0"])
        #expect(try await ids("key", "t2") == [])
        #expect(try await ids("user", nil) == [])
        #expect(try await ids(nil, nil, limit: 2) == ["r2", "audit-a"])
        #expect(try await ids("team", "t1", limit: 0) == [])
    }

    /// An audit row that cannot be written (its id is taken) fails the whole write: entity and key writes share one
    /// transaction with their audit row.
    static func failedAuditRowRollsBackTheWrite(_ store: any GatewayStore) async throws {
        let taken = StoreFixtures.audit("taken", at: 1)
        try await store.appendAuditLog(taken)
        func expectConflict(_ write: () async throws -> Void) async {
            let error = await #expect(throws: StoreError.self) { try await write() }
            #expect(error?.isConflict == true)
        }

        let document = StoreFixtures.document(id: "t", team: "t")
        await expectConflict { try await store.insertEntity(.team, id: "t", document: document, audit: taken) }
        #expect(try await store.entity(.team, id: "t") == nil, "no entity behind a failed audit row")
        #expect(try await store.listEntities(.team, where: EntityReference(.teamID, "t"), limit: 10, offset: 0) == [])

        try await store.insertEntity(.team, id: "t", document: document, audit: StoreFixtures.audit("ok", at: 2))
        await expectConflict {
            try await store.updateEntity(.team, id: "t", document: StoreFixtures.document(id: "t", name: "changed"), audit: taken)
        }
        #expect(try await store.entity(.team, id: "t") == document, "the update rolled back")
        await expectConflict { _ = try await store.deleteEntity(.team, id: "t", audit: taken) }
        #expect(try await store.entity(.team, id: "t") == document, "the delete rolled back")

        let key = StoreFixtures.fullKey(hash: "hash-rollback")
        await expectConflict { try await store.insertKey(key, audit: taken) }
        #expect(try await store.key(hash: "hash-rollback") == nil, "no key behind a failed audit row")
        try await store.insertKey(key)
        var blocked = key
        blocked.blocked = true
        await expectConflict { try await store.updateKey(blocked, audit: taken) }
        #expect(try await store.key(hash: "hash-rollback") == key)
        await expectConflict { _ = try await store.deleteKey(hash: "hash-rollback", audit: taken) }
        #expect(try await store.key(hash: "hash-rollback") == key)

        #expect(try await store.auditLogs(objectType: nil, objectID: nil, limit: 10).map(\.id) == ["ok", "taken"])
    }
}
