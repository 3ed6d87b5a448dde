import GatewayCore
import Testing
import ToolAllowlist

struct EffectiveAllowlistTests {
    @Test func theKeysListWinsOverTheTeams() {
        let allowlist = EffectiveAllowlist.of(ToolCheckFixtures.principal(key: ["a"], team: ["a", "b"]))
        #expect(allowlist == EffectiveAllowlist(names: ["a"], source: .key))
    }

    @Test func theTeamsListAppliesWhenTheKeyHasNone() {
        #expect(EffectiveAllowlist.of(ToolCheckFixtures.principal(team: ["b"])) == EffectiveAllowlist(names: ["b"], source: .team))
        #expect(EffectiveAllowlist.of(ToolCheckFixtures.principal(key: [], team: ["b"])) == EffectiveAllowlist(names: ["b"], source: .team))
    }

    @Test func neitherListMeansNoRestriction() {
        #expect(EffectiveAllowlist.of(ToolCheckFixtures.principal()) == nil)
        #expect(EffectiveAllowlist.of(ToolCheckFixtures.principal(key: [], team: [])) == nil)
        #expect(EffectiveAllowlist.of(.anonymous) == nil)
        #expect(EffectiveAllowlist.of(Principal(subject: "master_key", role: .admin)) == nil)
    }

    @Test func valuesThatAreNotListsOfStringsAreNotSet() {
        for value: JSON in ["get_weather", 3, nil, ["allowed": "x"], [1, 2]] {
            var principal = ToolCheckFixtures.principal(team: ["team_tool"])
            principal.metadata = ["allowed_tools": value]
            #expect(EffectiveAllowlist.of(principal)?.source == .team, "\(value)")
        }
    }

    @Test func nonStringEntriesAreSkippedNotVoidingTheList() {
        var principal = ToolCheckFixtures.principal()
        principal.metadata = ["allowed_tools": ["a", 1, nil]]
        #expect(EffectiveAllowlist.of(principal) == EffectiveAllowlist(names: ["a"], source: .key))
    }

    @Test func disallowedNamesAreSortedAndUnique() {
        let allowlist = EffectiveAllowlist(names: ["a", "b"], source: .key)
        #expect(allowlist.disallowed(["z", "a", "c", "z", "b", "c"]) == ["c", "z"])
        #expect(allowlist.disallowed(["a", "b", "a"]).isEmpty)
        // Names match exactly: no case folding, no prefixes.
        #expect(allowlist.disallowed(["A", "ab", " a"]) == [" a", "A", "ab"])
    }
}
