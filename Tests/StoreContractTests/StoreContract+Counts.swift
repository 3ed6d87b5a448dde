import GatewayCore
import Testing

/// Lookups by alias and the counts paged lists report.
extension StoreContract {
    static func keysByAliasAndKeyCounts(_ store: any GatewayStore) async throws {
        #expect(try await store.countKeys(where: nil) == 0)
        #expect(try await store.keys(alias: "ci") == [])
        let keys = [
            VirtualKeyRecord(keyHash: "hash-a0", keyAlias: "ci", userID: "u1", teamID: "team-a", createdAt: 30),
            VirtualKeyRecord(keyHash: "hash-a1", keyAlias: "ci", teamID: "team-b", createdAt: 10),
            VirtualKeyRecord(keyHash: "hash-a2", keyAlias: "CI", userID: "u1", teamID: "team-a", createdAt: 20),
            VirtualKeyRecord(keyHash: "hash-a3", createdAt: 5),
        ]
        for key in keys { try await store.insertKey(key) }
        #expect(try await store.keys(alias: "ci").map(\.keyHash) == ["hash-a1", "hash-a0"], "exact match, oldest first")
        #expect(try await store.keys(alias: "CI") == [keys[2]], "aliases are case-sensitive, whole records")
        #expect(try await store.keys(alias: "c") == [])

        #expect(try await store.countKeys(where: nil) == 4)
        #expect(try await store.countKeys(where: EntityReference(.teamID, "team-a")) == 2)
        #expect(try await store.countKeys(where: EntityReference(.userID, "u1")) == 2)
        #expect(try await store.countKeys(where: EntityReference(.teamID, "team-none")) == 0)
        let error = await #expect(throws: StoreError.self) { try await store.countKeys(where: EntityReference(.organizationID, "o")) }
        #expect(error?.isUnsupported == true)

        var renamed = keys[0]
        renamed.keyAlias = "prod"
        try await store.updateKey(renamed)
        #expect(try await store.keys(alias: "ci").map(\.keyHash) == ["hash-a1"], "an update moves the alias")
        #expect(try await store.keys(alias: "prod").map(\.keyHash) == ["hash-a0"])
        #expect(try await store.deleteKey(hash: "hash-a1"))
        #expect(try await store.keys(alias: "ci") == [])
        #expect(try await store.countKeys(where: nil) == 3)
    }

    static func entityCountsFollowFilters(_ store: any GatewayStore) async throws {
        #expect(try await store.countEntities(.team, where: nil) == 0)
        for (id, organization) in [("t1", "o1"), ("t2", "o2"), ("t3", "o1")] {
            try await store.insertEntity(
                .team, id: id, document: ["team_id": .string(id), "organization_id": .string(organization)],
                audit: StoreFixtures.audit("count-\(id)", objectType: "team", objectID: id))
        }
        try await store.insertEntity(.project, id: "p1", document: ["project_id": "p1"], audit: StoreFixtures.audit("count-p1"))
        #expect(try await store.countEntities(.team, where: nil) == 3)
        #expect(try await store.countEntities(.team, where: EntityReference(.organizationID, "o1")) == 2)
        #expect(try await store.countEntities(.team, where: EntityReference(.organizationID, "o3")) == 0)
        #expect(try await store.countEntities(.project, where: nil) == 1)
        #expect(try await store.countEntities(.user, where: nil) == 0)
    }
}
