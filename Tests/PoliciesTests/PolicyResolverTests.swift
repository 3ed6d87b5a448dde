import Foundation
import GatewayCore
import Testing

@testable import Policies

/// Which policies and guardrails apply to a request: attachment scopes, model conditions, inheritance, shadow.
struct PolicyResolverTests {
    static func version(
        _ name: String, _ number: Int = 1, _ status: PolicyStatus = .production, shadow: Bool = false, add: [String] = [],
        remove: [String] = [], inherit: String? = nil, models: [String] = []
    ) -> PolicyVersion {
        PolicyVersion(
            id: "\(name)-v\(number)", name: name, number: number, status: status, shadow: shadow,
            content: PolicyContent(inherit: inherit, guardrailsAdd: add, guardrailsRemove: remove, models: models), createdAt: 0, updatedAt: 0)
    }

    static func snapshot(_ versions: [PolicyVersion], _ attachments: [PolicyAttachment]) -> PolicySnapshot {
        PolicySnapshot(versionsByName: Dictionary(grouping: versions, by: \.name), attachments: attachments)
    }

    static func attach(_ policy: String, global: Bool = false, teams: [String] = [], keys: [String] = [], models: [String] = [], tags: [String] = [])
        -> PolicyAttachment
    {
        PolicyAttachment(
            id: UUID().uuidString, policyName: policy, global: global, teams: teams, keys: keys, models: models, tags: tags, createdAt: 0)
    }

    @Test func everyListOfAnAttachmentMustMatchAndEntriesMayBeWildcards() {
        let attachment = Self.attach("p", teams: ["research-*"], models: ["gpt-*"])
        #expect(PolicyResolver.matches(attachment, PolicyFacts(teamID: "research-ml", models: ["gpt-4o"])))
        #expect(!PolicyResolver.matches(attachment, PolicyFacts(teamID: "research-ml", models: ["claude-3"])), "the model list must match too")
        #expect(!PolicyResolver.matches(attachment, PolicyFacts(teamID: "sales", models: ["gpt-4o"])))
        #expect(!PolicyResolver.matches(attachment, PolicyFacts(models: ["gpt-4o"])), "no team never matches a team list")

        let byKey = Self.attach("p", keys: ["ci-bot"])
        #expect(PolicyResolver.matches(byKey, PolicyFacts(keyAlias: "ci-bot")))
        #expect(PolicyResolver.matches(Self.attach("p", keys: ["abc123"]), PolicyFacts(keyHash: "abc123")), "a key hash matches too")
        #expect(PolicyResolver.matches(Self.attach("p", tags: ["pii"]), PolicyFacts(tags: ["prod", "pii"])))
        #expect(PolicyResolver.matches(Self.attach("p", global: true), PolicyFacts()))
        #expect(!PolicyResolver.matches(Self.attach("p"), PolicyFacts(teamID: "t")), "an attachment with no scope matches nothing")
    }

    @Test func productionVersionsApplyWhenTheirModelConditionMatches() {
        let snapshot = Self.snapshot(
            [
                Self.version("base", add: ["pii"]), Self.version("gpt-only", add: ["regex"], models: ["gpt-*"]),
                Self.version("draft-only", 1, .draft, add: ["never"]),
            ], [Self.attach("base", global: true), Self.attach("gpt-only", global: true), Self.attach("draft-only", global: true)])
        let gpt = PolicyResolver.resolve(snapshot, PolicyFacts(models: ["gpt-4o"]))
        #expect(gpt.policies == ["base", "gpt-only"])
        #expect(gpt.enforced == ["pii", "regex"])
        let claude = PolicyResolver.resolve(snapshot, PolicyFacts(models: ["claude-3"]))
        #expect(claude.policies == ["base"], "a policy with no production version applies to nothing")
        #expect(claude.enforced == ["pii"])
    }

    @Test func inheritanceAddsTheParentsGuardrailsAndRemoveTakesThemOut() {
        let snapshot = Self.snapshot(
            [
                Self.version("root", add: ["pii", "secrets"]), Self.version("middle", add: ["regex"], inherit: "root"),
                Self.version("leaf", add: ["http"], remove: ["secrets"], inherit: "middle"),
                Self.version("loop-a", add: ["a"], inherit: "loop-b"), Self.version("loop-b", add: ["b"], inherit: "loop-a"),
            ], [])
        #expect(PolicyResolver.guardrails(of: snapshot.production["leaf"]!, in: snapshot) == ["pii", "regex", "http"])
        #expect(Set(PolicyResolver.guardrails(of: snapshot.production["loop-a"]!, in: snapshot)) == ["a", "b"], "a cycle is followed once")
    }

    @Test func shadowVersionsAddOnlyWhatProductionDoesNotEnforce() {
        let snapshot = Self.snapshot(
            [Self.version("p", 1, .production, add: ["pii"]), Self.version("p", 2, .published, shadow: true, add: ["pii", "regex"])],
            [Self.attach("p", teams: ["t"])])
        let resolved = PolicyResolver.resolve(snapshot, PolicyFacts(teamID: "t"))
        #expect(resolved.enforced == ["pii"])
        #expect(resolved.shadow == [.init(guardrail: "regex", policy: "p")])
        #expect(PolicyResolver.resolve(snapshot, PolicyFacts(teamID: "other")) == .none)
    }
}
