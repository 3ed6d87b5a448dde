import GatewayCore
import Testing

/// Management objects: JSON documents by kind and id, each write with its audit row, listed by indexed references.
extension StoreContract {
    static func entityRoundTripsForEveryKind(_ store: any GatewayStore) async throws {
        for kind in EntityKind.allCases {
            // The same id in every kind: kinds are separate namespaces.
            let document = StoreFixtures.document(id: "shared", team: "team-1", user: "user-1", organization: "org-1", name: kind.rawValue)
            let audit = StoreFixtures.audit("ins-\(kind.rawValue)", objectType: kind.rawValue, objectID: "shared", after: document)
            try await store.insertEntity(kind, id: "shared", document: document, audit: audit)
            #expect(try await store.auditLogs(objectType: kind.rawValue, objectID: "shared", limit: 10) == [audit])
        }
        for kind in EntityKind.allCases {
            #expect(try await store.entity(kind, id: "shared")?["name"] == .string(kind.rawValue))
            #expect(try await store.entity(kind, id: "shared")?["metadata"] == StoreFixtures.metadata)
            #expect(try await store.entity(kind, id: "absent") == nil)
        }
        #expect(try await store.auditLogs(objectType: nil, objectID: nil, limit: 100).count == EntityKind.allCases.count)
    }

    static func typedAccessorsRoundTripRecords(_ store: any GatewayStore) async throws {
        var count = 0
        func insert(_ kind: EntityKind, _ id: String, _ record: some Encodable) async throws {
            count += 1
            let audit = StoreFixtures.audit("typed-\(count)", objectType: kind.rawValue, objectID: id)
            try await store.insertEntity(kind, id: id, document: try JSON(encoding: record), audit: audit)
        }
        let team = StoreFixtures.team("team-1")
        try await insert(.team, team.teamID, team)
        #expect(try await store.team(id: "team-1") == team)
        #expect(try await store.team(id: "team-1")?.members.first?.role == .admin)
        #expect(try await store.team(id: "team-absent") == nil)
        for role in UserRecord.Role.allCases {
            let user = StoreFixtures.user("user-\(role.rawValue)", role: role)
            try await insert(.user, user.userID, user)
            #expect(try await store.user(id: user.userID) == user)
        }
        try await insert(.organization, "org-1", StoreFixtures.organization)
        #expect(try await store.organization(id: "org-1") == StoreFixtures.organization)
        try await insert(.project, "proj-1", StoreFixtures.project)
        #expect(try await store.project(id: "proj-1") == StoreFixtures.project)
        try await insert(.endUser, "customer-7", StoreFixtures.endUser)
        #expect(try await store.endUser(id: "customer-7") == StoreFixtures.endUser)
        try await insert(.accessGroup, "beta-group", StoreFixtures.accessGroup)
        #expect(try await store.accessGroup(id: "beta-group") == StoreFixtures.accessGroup)
        // The typed records' own reference fields are what the store indexes.
        let projects = try await store.listEntities(.project, where: EntityReference(.teamID, "team-1"), limit: 10, offset: 0)
        #expect(try projects.map { try $0.decode(ProjectRecord.self) } == [StoreFixtures.project])
        let users = try await store.listEntities(.user, where: EntityReference(.organizationID, "org-1"), limit: 10, offset: 0)
        #expect(users.count == UserRecord.Role.allCases.count)
    }

    static func duplicateEntityConflicts(_ store: any GatewayStore) async throws {
        let original = StoreFixtures.document(id: "dup", team: "team-1")
        let first = StoreFixtures.audit("dup-1", objectID: "dup")
        try await store.insertEntity(.team, id: "dup", document: original, audit: first)
        let error = await #expect(throws: StoreError.self) {
            try await store.insertEntity(
                .team, id: "dup", document: StoreFixtures.document(id: "dup", name: "other"), audit: StoreFixtures.audit("dup-2", objectID: "dup"))
        }
        #expect(error?.isConflict == true)
        #expect(try await store.entity(.team, id: "dup") == original, "the stored object is untouched")
        #expect(try await store.auditLogs(objectType: "team", objectID: "dup", limit: 10) == [first], "a refused insert writes no audit row")
    }

    static func updateReplacesEntityAndItsReferences(_ store: any GatewayStore) async throws {
        let before = StoreFixtures.document(id: "p", team: "team-a", user: "user-a", organization: "org-a")
        let after = StoreFixtures.document(id: "p", team: "team-b", organization: "org-b", name: "renamed")
        let created = StoreFixtures.audit("upd-1", at: 100, objectType: "project", objectID: "p", after: before)
        let updated = StoreFixtures.audit("upd-2", at: 200, action: .updated, objectType: "project", objectID: "p", before: before, after: after)
        try await store.insertEntity(.project, id: "p", document: before, audit: created)
        try await store.updateEntity(.project, id: "p", document: after, audit: updated)
        #expect(try await store.entity(.project, id: "p") == after)
        func list(_ field: EntityReference.Field, _ value: String) async throws -> [JSON] {
            try await store.listEntities(.project, where: EntityReference(field, value), limit: 10, offset: 0)
        }
        #expect(try await list(.teamID, "team-a") == [], "reference columns follow the document")
        #expect(try await list(.userID, "user-a") == [])
        #expect(try await list(.organizationID, "org-a") == [])
        #expect(try await list(.teamID, "team-b") == [after])
        #expect(try await list(.organizationID, "org-b") == [after])
        #expect(try await store.auditLogs(objectType: "project", objectID: "p", limit: 10) == [updated, created])
    }

    static func updateOfMissingEntityIsNotFound(_ store: any GatewayStore) async throws {
        try await store.insertEntity(
            .team, id: "only-a-team", document: StoreFixtures.document(id: "only-a-team"), audit: StoreFixtures.audit("nf-1"))
        for (kind, id) in [(EntityKind.team, "missing"), (.user, "only-a-team")] {
            let error = await #expect(throws: StoreError.self) {
                try await store.updateEntity(
                    kind, id: id, document: StoreFixtures.document(id: id), audit: StoreFixtures.audit("nf-\(kind.rawValue)"))
            }
            #expect(error?.isNotFound == true)
            #expect(try await store.entity(kind, id: id) == nil, "an update never inserts")
        }
        #expect(try await store.auditLogs(objectType: nil, objectID: nil, limit: 10).map(\.id) == ["nf-1"], "a failed update writes no audit row")
    }

    static func deleteEntityReportsWhetherItExisted(_ store: any GatewayStore) async throws {
        let created = StoreFixtures.audit("del-1", at: 100, objectType: "user", objectID: "gone")
        let deleted = StoreFixtures.audit(
            "del-2", at: 200, action: .deleted, objectType: "user", objectID: "gone", before: ["id": "gone"], after: nil)
        try await store.insertEntity(.user, id: "gone", document: StoreFixtures.document(id: "gone"), audit: created)
        try await store.insertEntity(.user, id: "kept", document: StoreFixtures.document(id: "kept"), audit: StoreFixtures.audit("del-kept", at: 50))
        #expect(try await store.deleteEntity(.user, id: "gone", audit: deleted))
        #expect(try await store.entity(.user, id: "gone") == nil)
        #expect(try await store.entity(.user, id: "kept") != nil, "only the named object is deleted")
        #expect(try await !store.deleteEntity(.user, id: "gone", audit: StoreFixtures.audit("del-3", at: 300, objectType: "user", objectID: "gone")))
        #expect(try await !store.deleteEntity(.team, id: "kept", audit: StoreFixtures.audit("del-4", at: 400)), "kinds are separate")
        #expect(try await store.auditLogs(objectType: nil, objectID: nil, limit: 10).map(\.id) == ["del-2", "del-1", "del-kept"])
    }

    static func listEntitiesOrdersByIDFiltersAndPages(_ store: any GatewayStore) async throws {
        // Ids in byte order: "B" < "Z" < "a-10" < "a-2" < "b" (no locale collation, no numeric sort).
        let documents = [
            StoreFixtures.document(id: "b", team: "t1", user: "u1", organization: "o1"),
            StoreFixtures.document(id: "B", team: "t1", user: "u2", organization: "o1"),
            StoreFixtures.document(id: "a-2", team: "t2", user: "u1"),
            StoreFixtures.document(id: "a-10", team: "t1", organization: "o2"),
            StoreFixtures.document(id: "Z"),
        ]
        var audits = 0
        for kind in EntityKind.allCases {
            for document in documents {
                audits += 1
                let id = try #require(document["id"]?.stringValue)
                try await store.insertEntity(kind, id: id, document: document, audit: StoreFixtures.audit("list-\(audits)"))
            }
        }
        // A reference that is not a string is not indexed.
        try await store.insertEntity(.team, id: "n", document: ["id": "n", "team_id": 5], audit: StoreFixtures.audit("list-n"))
        for kind in EntityKind.allCases {
            func ids(_ reference: EntityReference?, limit: Int = 10, offset: Int = 0) async throws -> [String] {
                try await store.listEntities(kind, where: reference, limit: limit, offset: offset).map { $0["id"]?.stringValue ?? "?" }
            }
            let all = kind == .team ? ["B", "Z", "a-10", "a-2", "b", "n"] : ["B", "Z", "a-10", "a-2", "b"]
            #expect(try await ids(nil) == all, "ordered by id, \(kind.rawValue)")
            #expect(try await ids(EntityReference(.teamID, "t1")) == ["B", "a-10", "b"])
            #expect(try await ids(EntityReference(.userID, "u1")) == ["a-2", "b"])
            #expect(try await ids(EntityReference(.organizationID, "o1")) == ["B", "b"])
            #expect(try await ids(EntityReference(.organizationID, "o2")) == ["a-10"])
            #expect(try await ids(EntityReference(.teamID, "5")) == [])
            #expect(try await ids(EntityReference(.teamID, "none")) == [])
            #expect(try await ids(nil, limit: 2, offset: 1) == ["Z", "a-10"])
            #expect(try await ids(EntityReference(.teamID, "t1"), limit: 1, offset: 1) == ["a-10"])
            #expect(try await ids(nil, limit: 2, offset: 6) == [])
            #expect(try await ids(nil, limit: 0) == [])
        }
    }

    /// Twenty concurrent changes of one object that does not exist yet (each adds its own item to a list): one object,
    /// all twenty items, one `created` and nineteen `updated` audit rows; a change that returns nil writes nothing.
    static func concurrentChangesOfOneEntityAreAllKept(_ store: any GatewayStore) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    _ = try await store.changeEntity(
                        .user, id: "racer",
                        change: { before in
                            var document = before ?? ["user_id": "racer", "teams": []]
                            document["teams"] = .array((document["teams"]?.arrayValue ?? []) + [.string("team-\(index)")])
                            return document
                        },
                        audit: { before, after in
                            StoreFixtures.audit(
                                "change-\(index)", action: before == nil ? .created : .updated, objectType: "user", objectID: "racer", before: before,
                                after: after)
                        })
                }
            }
            try await group.waitForAll()
        }
        let teams = try #require(try await store.entity(.user, id: "racer")?["teams"]?.arrayValue).compactMap(\.stringValue)
        #expect(Set(teams) == Set((0..<20).map { "team-\($0)" }), "\(teams)")
        #expect(teams.count == 20)
        let audits = try await store.auditLogs(objectType: "user", objectID: "racer", limit: 100)
        #expect(audits.filter { $0.action == .created }.count == 1)
        #expect(audits.filter { $0.action == .updated }.count == 19)

        let unchanged = try await store.changeEntity(
            .user, id: "racer", change: { _ in nil }, audit: { _, after in StoreFixtures.audit("never", objectType: "user", after: after) })
        #expect(unchanged == nil)
        #expect(try await store.auditLogs(objectType: "user", objectID: "racer", limit: 100).count == 20)
    }
}
