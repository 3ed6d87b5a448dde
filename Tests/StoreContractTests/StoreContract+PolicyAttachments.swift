import GatewayCore
import Testing

/// Policy attachments: only to a policy with a production version, every scope field kept, removed with their policy.
extension StoreContract {
    static func attachmentNeedsAProductionVersion(_ store: any GatewayStore) async throws {
        let full = PolicyAttachment(
            id: "att-full", policyName: "guard", global: false, teams: ["team-1", "team-*"], keys: ["alias \"q\"", "hash-☃"], models: ["gpt-4o"],
            tags: ["prod", "naïve\n"], createdAt: 1_700_000_000.25, createdBy: "admin")
        await #expect(throws: PolicyStoreError.noProductionVersion("guard"), "no policy of that name") {
            try await store.createPolicyAttachment(full)
        }
        let version = try await store.createPolicy(name: "guard", content: policyContent, status: .draft, by: nil, at: 1)
        await #expect(throws: PolicyStoreError.noProductionVersion("guard"), "only a draft") { try await store.createPolicyAttachment(full) }
        _ = try await store.setPolicyStatus(id: version.id, to: .published, by: nil, at: 2)
        await #expect(throws: PolicyStoreError.noProductionVersion("guard"), "only published") { try await store.createPolicyAttachment(full) }
        #expect(try await store.policyAttachments() == [])

        _ = try await store.setPolicyStatus(id: version.id, to: .production, by: nil, at: 3)
        try await store.createPolicyAttachment(full)
        #expect(try await store.policyAttachment(id: "att-full") == full, "every scope field round-trips")
        let global = PolicyAttachment(id: "att-global", policyName: "guard", global: true, createdAt: 10)
        try await store.createPolicyAttachment(global)
        #expect(try await store.policyAttachment(id: "att-global") == global, "global, empty lists and no author round-trip")
        #expect(try await store.policyAttachment(id: "absent") == nil)
        let duplicate = await #expect(throws: StoreError.self) {
            try await store.createPolicyAttachment(PolicyAttachment(id: "att-full", policyName: "guard", global: true, createdAt: 11))
        }
        #expect(duplicate?.isConflict == true)
        #expect(try await store.policyAttachment(id: "att-full") == full, "the stored attachment is untouched")

        // Oldest first, ties by id in byte order ("B" < "a").
        try await store.createPolicyAttachment(PolicyAttachment(id: "att-a", policyName: "guard", tags: ["t"], createdAt: 10))
        try await store.createPolicyAttachment(PolicyAttachment(id: "att-B", policyName: "guard", models: ["m"], createdAt: 10))
        #expect(try await store.policyAttachments().map(\.id) == ["att-B", "att-a", "att-global", "att-full"])

        // Demoting the production version makes the policy inactive: new attachments are refused, old ones stay.
        _ = try await store.setPolicyStatus(id: version.id, to: .published, by: nil, at: 4)
        await #expect(throws: PolicyStoreError.noProductionVersion("guard"), "after the demotion") {
            try await store.createPolicyAttachment(PolicyAttachment(id: "att-late", policyName: "guard", global: true, createdAt: 12))
        }
        #expect(try await store.policyAttachment(id: "att-late") == nil)
        #expect(try await store.policyAttachments().count == 4)

        #expect(try await store.deletePolicyAttachment(id: "att-global"))
        #expect(try await !store.deletePolicyAttachment(id: "att-global"), "a second delete finds nothing")
        #expect(try await store.policyAttachment(id: "att-global") == nil)
        #expect(try await store.policyAttachments().map(\.id) == ["att-B", "att-a", "att-full"])
    }

    static func deletePolicyRemovesVersionsAndAttachments(_ store: any GatewayStore) async throws {
        _ = try await store.createPolicy(name: "doomed", content: policyContent, status: .production, by: nil, at: 1)
        _ = try await store.createPolicyVersion(name: "doomed", content: PolicyContent(), by: nil, at: 2)
        let kept = try await store.createPolicy(name: "kept", content: policyContent, status: .production, by: nil, at: 3)
        for id in ["doomed-1", "doomed-2"] {
            try await store.createPolicyAttachment(PolicyAttachment(id: id, policyName: "doomed", global: true, createdAt: 4))
        }
        let survivor = PolicyAttachment(id: "kept-1", policyName: "kept", teams: ["t"], createdAt: 5)
        try await store.createPolicyAttachment(survivor)

        let deleted = try await store.deletePolicy(name: "doomed")
        #expect(deleted.versions.map(\.number) == [2, 1], "the deleted versions, newest first")
        #expect(deleted.versions.allSatisfy { $0.name == "doomed" })
        #expect(deleted.attachments == 2)
        #expect(try await store.policyVersions(name: "doomed") == [])
        #expect(try await store.policyAttachments() == [survivor], "only the policy's attachments go")
        #expect(try await store.policyVersions(name: "kept") == [kept])

        let again = try await store.deletePolicy(name: "doomed")
        #expect(again.versions == [] && again.attachments == 0)
        #expect(
            try await store.createPolicy(name: "doomed", content: PolicyContent(), status: .draft, by: nil, at: 6).number == 1, "the name is free")
    }
}
