import GatewayCore
import Testing

/// Keys' settings documents, their reference filters, and the audit rows key writes carry.
extension StoreContract {
    static func keySettingsRoundTrip(_ store: any GatewayStore) async throws {
        var key = StoreFixtures.fullKey(hash: "hash-settings")
        try await store.insertKey(key)
        #expect(try await store.key(hash: "hash-settings")?.settings == StoreFixtures.settings)
        #expect(try await store.key(hash: "hash-settings") == key)

        key.settings.aliases = [:]
        key.settings.tpmLimit = nil
        key.settings.guardrails = ["a", "b", "c"]
        try await store.updateKey(key)
        #expect(try await store.key(hash: "hash-settings") == key, "an update replaces the settings")

        key.settings = KeySettings()
        try await store.updateKey(key)
        #expect(try await store.key(hash: "hash-settings")?.settings == KeySettings())
        #expect(try await store.listKeys(limit: 10, offset: 0) == [key])
    }

    static func listKeysFiltersByTeamAndUser(_ store: any GatewayStore) async throws {
        let keys = [
            VirtualKeyRecord(keyHash: "hash-k0", userID: "u1", teamID: "team-a", createdAt: 30),
            VirtualKeyRecord(keyHash: "hash-k1", userID: "u1", teamID: "team-b", createdAt: 10),
            VirtualKeyRecord(keyHash: "hash-k2", userID: "u2", teamID: "team-a", createdAt: 20),
            VirtualKeyRecord(keyHash: "hash-k3", createdAt: 5),
            VirtualKeyRecord(keyHash: "hash-k4", userID: "u1", teamID: "team-a", createdAt: 20),
        ]
        for key in keys { try await store.insertKey(key) }
        let byTeam = try await store.listKeys(where: EntityReference(.teamID, "team-a"), limit: 10, offset: 0)
        #expect(byTeam.map(\.keyHash) == ["hash-k2", "hash-k4", "hash-k0"], "oldest first, ties by hash")
        let byUser = try await store.listKeys(where: EntityReference(.userID, "u1"), limit: 10, offset: 0)
        #expect(byUser.map(\.keyHash) == ["hash-k1", "hash-k4", "hash-k0"])
        let page = try await store.listKeys(where: EntityReference(.teamID, "team-a"), limit: 2, offset: 1)
        #expect(page.map(\.keyHash) == ["hash-k4", "hash-k0"])
        #expect(try await store.listKeys(where: EntityReference(.teamID, "team-none"), limit: 10, offset: 0) == [])
        #expect(try await store.listKeys(where: EntityReference(.userID, "u1"), limit: 0, offset: 0) == [])
        #expect(try await store.listKeys(where: nil, limit: 10, offset: 0).count == 5)

        let error = await #expect(throws: StoreError.self) {
            try await store.listKeys(where: EntityReference(.organizationID, "org-1"), limit: 10, offset: 0)
        }
        #expect(error?.isUnsupported == true)
        #expect(error?.message.contains("organization_id") == true)
    }

    static func keyWritesCarryTheirAuditRows(_ store: any GatewayStore) async throws {
        func rows() async throws -> [String] { try await store.auditLogs(objectType: "key", objectID: "hash-aud", limit: 10).map(\.id) }
        let created = StoreFixtures.audit("a1", at: 100, action: .created, objectType: "key", objectID: "hash-aud")
        let updated = StoreFixtures.audit("a2", at: 200, action: .updated, objectType: "key", objectID: "hash-aud", before: ["x": 1])
        let deleted = StoreFixtures.audit("a3", at: 300, action: .deleted, objectType: "key", objectID: "hash-aud", after: nil)
        var key = StoreFixtures.fullKey(hash: "hash-aud")

        try await store.insertKey(key, audit: created)
        #expect(try await store.auditLogs(objectType: "key", objectID: "hash-aud", limit: 10) == [created])
        key.blocked = true
        try await store.updateKey(key, audit: updated)
        #expect(try await rows() == ["a2", "a1"])

        let conflict = await #expect(throws: StoreError.self) {
            try await store.insertKey(key, audit: StoreFixtures.audit("a-dup", objectType: "key", objectID: "hash-aud"))
        }
        #expect(conflict?.isConflict == true)
        #expect(try await rows() == ["a2", "a1"], "a refused insert writes no audit row")

        #expect(try await store.deleteKey(hash: "hash-aud", audit: deleted))
        #expect(try await rows() == ["a3", "a2", "a1"])
        #expect(try await !store.deleteKey(hash: "hash-aud", audit: StoreFixtures.audit("a4", objectType: "key", objectID: "hash-aud")))
        let missing = await #expect(throws: StoreError.self) {
            try await store.updateKey(key, audit: StoreFixtures.audit("a5", objectType: "key", objectID: "hash-aud"))
        }
        #expect(missing?.isNotFound == true)
        #expect(try await rows() == ["a3", "a2", "a1"], "a delete or update that finds nothing writes no audit row")

        // Writes without an audit row leave the log alone.
        try await store.insertKey(VirtualKeyRecord(keyHash: "hash-quiet", createdAt: 1))
        try await store.updateKey(VirtualKeyRecord(keyHash: "hash-quiet", blocked: true, createdAt: 1))
        #expect(try await store.deleteKey(hash: "hash-quiet"))
        #expect(try await store.auditLogs(objectType: nil, objectID: nil, limit: 100).count == 3)
    }
}
