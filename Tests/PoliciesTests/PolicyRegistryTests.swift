import GatewayCore
import Testing

@testable import Policies

/// The registry stays true on every transition and delete: each case is one of the findings of LiteLLM's policy
/// engine review (stale entries by id after publish and promote, after deleting a draft, after deleting every
/// version), checked on a real SQLite store through the routes.
struct PolicyRegistryTests {
    @Test func publishAndPromoteRefreshTheEntriesByIDAndByName() async throws {
        try await PolicyHarness.run { harness in
            let first = try await harness.create("baseline", add: ["pii"])
            #expect(harness.registry.snapshot.production["baseline"]?.id == first, "a new policy is in production at once")
            let second = try await harness.newVersion("baseline", body: ["guardrails_add": ["pii", "regex"]])
            #expect(harness.registry.snapshot.byID[second]?.status == .draft)

            try await harness.setStatus(second, "published")
            #expect(harness.registry.snapshot.byID[second]?.status == .published, "publishing updates the entry by id")
            #expect(harness.registry.snapshot.production["baseline"]?.id == first)

            try await harness.setStatus(second, "production")
            let snapshot = harness.registry.snapshot
            #expect(snapshot.production["baseline"]?.id == second, "promotion replaces production by name")
            #expect(snapshot.byID[second]?.status == .production)
            #expect(snapshot.byID[first]?.status == .published, "the old production version is demoted by id too")
        }
    }

    @Test func editingADraftIsSeenAndOtherVersionsCannotBeEdited() async throws {
        try await PolicyHarness.run { harness in
            let first = try await harness.create("baseline", add: ["pii"])
            let draft = try await harness.newVersion("baseline")
            try await harness.call(.put, "/policies/{policy_id}", parameters: ["policy_id": draft], body: ["guardrails_add": ["http"]])
            #expect(harness.registry.snapshot.byID[draft]?.content.guardrailsAdd == ["http"])
            await #expect(throws: GatewayError.self) {
                try await harness.call(.put, "/policies/{policy_id}", parameters: ["policy_id": first], body: ["description": "no"])
            }
            #expect(harness.registry.snapshot.byID[first]?.content.description == nil)
        }
    }

    @Test func deletingADraftOrTheProductionVersionRemovesItsEntries() async throws {
        try await PolicyHarness.run { harness in
            let first = try await harness.create("baseline", add: ["pii"])
            let draft = try await harness.newVersion("baseline")
            try await harness.call(.delete, "/policies/{policy_id}", parameters: ["policy_id": draft])
            #expect(harness.registry.snapshot.byID[draft] == nil, "a deleted draft leaves no entry by id")

            let reply = try await harness.call(.delete, "/policies/{policy_id}", parameters: ["policy_id": first])
            #expect(reply["warning"]?.stringValue?.contains("no other version was promoted") == true)
            #expect(harness.registry.snapshot.production["baseline"] == nil, "a deleted production version leaves no entry by name")
            #expect(harness.registry.snapshot.byID[first] == nil)
        }
    }

    @Test func deletingEveryVersionLeavesNothingByNameOrIDAndDropsAttachments() async throws {
        try await PolicyHarness.run { harness in
            let first = try await harness.create("baseline", add: ["pii"])
            let second = try await harness.newVersion("baseline")
            try await harness.setStatus(second, "published")
            let third = try await harness.newVersion("baseline")
            try await harness.call(.post, "/policies/attachments", body: ["policy_name": "baseline", "scope": "*"])
            try await harness.create("other", add: ["regex"])
            #expect(harness.registry.snapshot.attachments.count == 1)

            let reply = try await harness.call(.delete, "/policies/name/{policy_name}/all-versions", parameters: ["policy_name": "baseline"])
            #expect(reply["versions_deleted"] == 3)
            #expect(reply["attachments_deleted"] == 1)
            let snapshot = harness.registry.snapshot
            for id in [first, second, third] { #expect(snapshot.byID[id] == nil) }
            #expect(snapshot.production["baseline"] == nil)
            #expect(snapshot.attachments.isEmpty)
            #expect(snapshot.production["other"] != nil, "other policies stay")
        }
    }

    @Test func aReadThatStartedEarlierNeverReplacesANewerOne() {
        let registry = PolicyRegistry()
        let older = registry.ticket()
        let newer = registry.ticket()
        let current = PolicyResolverTests.version("p", 2)
        registry.replace(name: "p", versions: [current], ticket: newer)
        registry.replace(name: "p", versions: [PolicyResolverTests.version("p", 1)], ticket: older)
        #expect(registry.snapshot.production["p"]?.number == 2)
        registry.replaceAll(versions: [], attachments: [], ticket: older)
        #expect(registry.snapshot.production["p"]?.number == 2, "a full reload that began earlier does not undo it either")
        registry.replaceAll(versions: [], attachments: [], ticket: registry.ticket())
        #expect(registry.snapshot.production["p"] == nil)
    }
}
