import GatewayCore
import Testing

/// Policy versions: numbering, the draft → published → production lifecycle, shadow mode and deletes, including
/// the concurrent writes LiteLLM's policy engine got wrong (duplicate version numbers, two production versions).
extension StoreContract {
    static let policyContent = PolicyContent(
        description: "Blocks \"PII\" ☃\nand more", inherit: "base", guardrailsAdd: ["pii", "toxicity"], guardrailsRemove: ["legacy"],
        models: ["gpt-4*", "claude-*"])

    static func policyLifecycleRoundTrips(_ store: any GatewayStore) async throws {
        let first = try await store.createPolicy(name: "support", content: policyContent, status: .draft, by: "alice", at: 100.5)
        #expect(first.name == "support" && first.number == 1 && first.status == .draft && !first.shadow)
        #expect(first.content == policyContent && first.createdAt == 100.5 && first.updatedAt == 100.5)
        #expect(first.publishedAt == nil && first.productionAt == nil && first.createdBy == "alice" && first.updatedBy == "alice")
        #expect(try await store.policyVersion(id: first.id) == first)
        #expect(try await store.policyVersion(id: "absent") == nil)

        let second = try await store.createPolicyVersion(name: "support", content: PolicyContent(), by: nil, at: 200)
        let third = try await store.createPolicyVersion(name: "support", content: policyContent, by: "bob", at: 300)
        #expect([second.number, third.number] == [2, 3])
        #expect(second.status == .draft && third.status == .draft && Set([first.id, second.id, third.id]).count == 3)
        #expect(try await store.policyVersion(id: second.id) == second, "empty content and a nil actor round-trip")
        await #expect(throws: PolicyStoreError.unknownPolicy("absent")) {
            try await store.createPolicyVersion(name: "absent", content: policyContent, by: nil, at: 1)
        }

        let edited = PolicyContent(description: "edited", guardrailsAdd: ["pii"])
        let updated = try await store.updatePolicyDraft(id: second.id, content: edited, by: "carol", at: 250)
        #expect(updated.content == edited && updated.updatedAt == 250 && updated.updatedBy == "carol")
        #expect(updated.number == 2 && updated.createdAt == 200 && updated.createdBy == nil && updated.status == .draft)
        #expect(try await store.policyVersion(id: second.id) == updated)

        for (from, to) in [(PolicyStatus.draft, PolicyStatus.production), (.draft, .draft)] {
            await #expect(throws: PolicyStoreError.invalidTransition(from: from, to: to)) {
                try await store.setPolicyStatus(id: first.id, to: to, by: "alice", at: 400)
            }
        }
        await #expect(throws: PolicyStoreError.unknownVersion("absent")) {
            try await store.setPolicyStatus(id: "absent", to: .published, by: nil, at: 400)
        }
        #expect(try await store.policyVersion(id: first.id) == first, "a refused transition writes nothing")

        let afterPublish = try await store.setPolicyStatus(id: first.id, to: .published, by: "dave", at: 500)
        #expect(afterPublish.map(\.number) == [3, 2, 1], "newest first")
        let published = try #require(afterPublish.last)
        #expect(published.status == .published && published.publishedAt == 500 && published.productionAt == nil)
        #expect(published.updatedAt == 500 && published.updatedBy == "dave" && published.createdAt == 100.5 && published.content == policyContent)
        await #expect(throws: PolicyStoreError.notDraft(id: first.id, status: .published)) {
            try await store.updatePolicyDraft(id: first.id, content: edited, by: "carol", at: 550)
        }
        await #expect(throws: PolicyStoreError.unknownVersion("absent")) {
            try await store.updatePolicyDraft(id: "absent", content: edited, by: "carol", at: 550)
        }
        #expect(try await store.policyVersion(id: first.id) == published, "a refused update writes nothing")

        let promotedFirst = try await store.setPolicyStatus(id: first.id, to: .production, by: "dave", at: 600)
        #expect(promotedFirst.map(\.status) == [.draft, .draft, .production])
        #expect(promotedFirst.last?.productionAt == 600 && promotedFirst.last?.publishedAt == 500)

        _ = try await store.setPolicyStatus(id: second.id, to: .published, by: "erin", at: 700)
        let promotedSecond = try await store.setPolicyStatus(id: second.id, to: .production, by: "erin", at: 800)
        #expect(promotedSecond.map(\.status) == [.draft, .production, .published], "promoting v2 demoted v1")
        let demoted = try #require(promotedSecond.last)
        #expect(demoted.id == first.id && demoted.updatedAt == 800 && demoted.updatedBy == "erin")
        #expect(demoted.publishedAt == 500 && demoted.productionAt == 600, "a demotion keeps the version's history")

        let inactive = try await store.setPolicyStatus(id: second.id, to: .published, by: "erin", at: 900)
        #expect(inactive.map(\.status) == [.draft, .published, .published], "production → published leaves no production version")
        #expect(inactive[1].publishedAt == 700 && inactive[1].productionAt == 800 && inactive[1].updatedAt == 900)
        await #expect(throws: PolicyStoreError.invalidTransition(from: .published, to: .draft)) {
            try await store.setPolicyStatus(id: second.id, to: .draft, by: nil, at: 950)
        }

        // Byte order of names: "Beta" < "alpha" < "support".
        let alpha = try await store.createPolicy(name: "alpha", content: policyContent, status: .production, by: nil, at: 1000)
        #expect(alpha.publishedAt == 1000 && alpha.productionAt == 1000)
        _ = try await store.createPolicyVersion(name: "alpha", content: policyContent, by: nil, at: 1001)
        _ = try await store.createPolicy(name: "Beta", content: policyContent, status: .published, by: nil, at: 1002)
        func listed(_ status: PolicyStatus?) async throws -> [String] {
            try await store.policyVersions(status: status).map { "\($0.name) \($0.number)" }
        }
        #expect(try await listed(.published) == ["Beta 1", "support 2", "support 1"])
        #expect(try await listed(.production) == ["alpha 1"])
        #expect(try await listed(.draft) == ["alpha 2", "support 3"])
        #expect(try await listed(nil) == ["Beta 1", "alpha 2", "alpha 1", "support 3", "support 2", "support 1"])
        #expect(try await store.policyVersions(name: "support").map(\.number) == [3, 2, 1])
        #expect(try await store.policyVersions(name: "absent") == [])
    }

    static func concurrentPolicyVersionsGetDistinctNumbers(_ store: any GatewayStore) async throws {
        _ = try await store.createPolicy(name: "busy", content: PolicyContent(), status: .draft, by: nil, at: 1)
        let created = try await withThrowingTaskGroup(of: PolicyVersion.self) { group in
            for index in 0..<20 {
                group.addTask {
                    try await store.createPolicyVersion(
                        name: "busy", content: PolicyContent(description: "writer \(index)"), by: "writer-\(index)", at: Double(10 + index))
                }
            }
            var created: [PolicyVersion] = []
            for try await version in group { created.append(version) }
            return created
        }
        #expect(created.map(\.number).sorted() == Array(2...21), "20 writers, 20 distinct numbers, none refused")
        let stored = try await store.policyVersions(name: "busy")
        #expect(stored.map(\.number) == Array((1...21).reversed()))
        for version in created {
            #expect(stored.first { $0.id == version.id } == version, "each writer got the row it wrote")
        }
    }

    static func concurrentPromotionsLeaveOneProduction(_ store: any GatewayStore) async throws {
        _ = try await store.createPolicy(name: "hot", content: PolicyContent(), status: .production, by: nil, at: 1)
        var ids: [String] = []
        for index in 0..<20 {
            let version = try await store.createPolicyVersion(name: "hot", content: PolicyContent(), by: nil, at: Double(2 + index))
            _ = try await store.setPolicyStatus(id: version.id, to: .published, by: nil, at: Double(30 + index))
            ids.append(version.id)
        }
        let results = try await withThrowingTaskGroup(of: (String, [PolicyVersion]).self) { group in
            for (index, id) in ids.enumerated() {
                group.addTask { (id, try await store.setPolicyStatus(id: id, to: .production, by: "p\(index)", at: Double(100 + index))) }
            }
            var results: [(String, [PolicyVersion])] = []
            for try await result in group { results.append(result) }
            return results
        }
        #expect(results.count == 20, "every promotion succeeds")
        for (id, versions) in results {
            #expect(versions.map(\.number) == Array((1...21).reversed()))
            #expect(versions.filter { $0.status == .production }.map(\.id) == [id], "each result shows its own version, alone, in production")
        }
        let stored = try await store.policyVersions(name: "hot")
        #expect(stored.filter { $0.status == .production }.count == 1)
        #expect(stored.filter { $0.status == .published }.count == 20)
        #expect(try await store.policyVersions(status: .production).count == 1)
        #expect(results.contains { $0.1 == stored }, "the last promotion's result is what is stored")
    }

    static func shadowNeedsAPublishedVersionAndIsExclusive(_ store: any GatewayStore) async throws {
        let live = try await store.createPolicy(name: "shadowed", content: PolicyContent(), status: .production, by: nil, at: 1)
        let draft = try await store.createPolicyVersion(name: "shadowed", content: PolicyContent(), by: nil, at: 2)
        var published: [PolicyVersion] = []
        for index in 0..<2 {
            let version = try await store.createPolicyVersion(name: "shadowed", content: PolicyContent(), by: nil, at: Double(3 + index))
            _ = try await store.setPolicyStatus(id: version.id, to: .published, by: nil, at: 5)
            published.append(version)
        }
        await #expect(throws: PolicyStoreError.shadowNeedsPublished(status: .draft)) {
            try await store.setPolicyShadow(id: draft.id, enabled: true, by: nil, at: 10)
        }
        await #expect(throws: PolicyStoreError.shadowNeedsPublished(status: .production)) {
            try await store.setPolicyShadow(id: live.id, enabled: true, by: nil, at: 10)
        }
        await #expect(throws: PolicyStoreError.unknownVersion("absent")) {
            try await store.setPolicyShadow(id: "absent", enabled: true, by: nil, at: 10)
        }
        func shadowIDs(_ versions: [PolicyVersion]) -> [String] { versions.filter(\.shadow).map(\.id) }

        let first = try await store.setPolicyShadow(id: published[0].id, enabled: true, by: "sam", at: 20)
        #expect(first.map(\.number) == [4, 3, 2, 1] && shadowIDs(first) == [published[0].id])
        #expect(first.first { $0.shadow }?.updatedAt == 20 && first.first { $0.shadow }?.updatedBy == "sam")
        let second = try await store.setPolicyShadow(id: published[1].id, enabled: true, by: "sam", at: 30)
        #expect(shadowIDs(second) == [published[1].id], "turning shadow on clears it on the other versions")
        #expect(try await store.policyVersions(name: "shadowed") == second)

        let offOnDraft = try await store.setPolicyShadow(id: draft.id, enabled: false, by: nil, at: 40)
        #expect(shadowIDs(offOnDraft) == [published[1].id], "turning off is allowed for any status and touches only that version")

        let promoted = try await store.setPolicyStatus(id: published[1].id, to: .production, by: nil, at: 50)
        #expect(shadowIDs(promoted) == [], "leaving published clears the shadow flag")
        #expect(promoted.first { $0.id == live.id }?.status == .published)

        _ = try await store.setPolicyShadow(id: published[0].id, enabled: true, by: nil, at: 60)
        let off = try await store.setPolicyShadow(id: published[0].id, enabled: false, by: "sam", at: 70)
        #expect(shadowIDs(off) == [])
        #expect(off.first { $0.id == published[0].id }?.updatedAt == 70)
    }

    static func deletePolicyVersionReturnsTheRow(_ store: any GatewayStore) async throws {
        let first = try await store.createPolicy(name: "trim", content: policyContent, status: .published, by: "alice", at: 1)
        let second = try await store.createPolicyVersion(name: "trim", content: PolicyContent(), by: nil, at: 2)
        #expect(try await store.deletePolicyVersion(id: first.id) == first)
        #expect(try await store.policyVersion(id: first.id) == nil)
        #expect(try await store.deletePolicyVersion(id: first.id) == nil, "a second delete finds nothing")
        #expect(try await store.policyVersions(name: "trim") == [second], "only the named version is deleted")
        #expect(try await store.createPolicyVersion(name: "trim", content: PolicyContent(), by: nil, at: 3).number == 3)
    }

    static func createPolicyOfATakenNameIsRefused(_ store: any GatewayStore) async throws {
        let first = try await store.createPolicy(name: "taken", content: policyContent, status: .draft, by: nil, at: 1)
        await #expect(throws: PolicyStoreError.nameTaken("taken")) {
            try await store.createPolicy(name: "taken", content: PolicyContent(), status: .production, by: nil, at: 2)
        }
        _ = try await store.createPolicyVersion(name: "taken", content: PolicyContent(), by: nil, at: 3)
        _ = try await store.deletePolicyVersion(id: first.id)
        await #expect(throws: PolicyStoreError.nameTaken("taken"), "any remaining version keeps the name taken") {
            try await store.createPolicy(name: "taken", content: PolicyContent(), status: .draft, by: nil, at: 4)
        }
        #expect(try await store.policyVersions(name: "taken").map(\.number) == [2])

        // Racing creators: one wins, every other one is told the name is taken (never a raw constraint error).
        let outcomes = await withTaskGroup(of: Result<PolicyVersion, any Error>.self) { group in
            for index in 0..<10 {
                group.addTask {
                    do {
                        return .success(
                            try await store.createPolicy(name: "race", content: PolicyContent(), status: .draft, by: nil, at: Double(index)))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            var outcomes: [Result<PolicyVersion, any Error>] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        let refusals = outcomes.compactMap { outcome -> PolicyStoreError? in
            if case .failure(let error) = outcome { return error as? PolicyStoreError }
            return nil
        }
        #expect(outcomes.filter { if case .success = $0 { true } else { false } }.count == 1)
        #expect(refusals == Array(repeating: .nameTaken("race"), count: 9))
        #expect(try await store.policyVersions(name: "race").count == 1)
    }
}
