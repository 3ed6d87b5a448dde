import Testing

@testable import GatewayCore

struct AccessGroupGraphTests {
    typealias F = AccessFixtures

    @Test func configGroupsComeFromDeploymentAccessGroups() {
        let graph = AccessGroupGraph(deployments: F.deployments)
        #expect(graph.isGroup("openai-models"))
        #expect(graph.isConfigGroup("openai-models"))
        #expect(!graph.isDatabaseGroup("openai-models"))
        #expect(graph.models(in: "openai-models") == ["gpt-4o", "gpt-4o-mini"])
        #expect(!graph.isGroup("gpt-4o"))
        #expect(graph.models(in: "unknown").isEmpty)
    }

    @Test func nestedGroupsResolveThreeLevelsDeep() {
        let graph = F.graph
        #expect(graph.models(in: "reasoning") == ["o1"])
        #expect(graph.models(in: "research") == ["claude-3", "o1"])
        #expect(graph.models(in: "everything") == ["claude-3", "o1", "gpt-4o", "gpt-4o-mini"])
        #expect(graph.group("everything", contains: "o1"))
        #expect(!graph.group("everything", contains: "nova-micro"))
        #expect(graph.members(of: "research") == ["anthropic-models", "reasoning"])
    }

    @Test func configAndDatabaseMembersOfOneNameMerge() {
        let graph = AccessGroupGraph(deployments: F.deployments, records: [F.record("openai-models", ["o1"])])
        #expect(graph.isConfigGroup("openai-models") && graph.isDatabaseGroup("openai-models"))
        #expect(graph.models(in: "openai-models") == ["gpt-4o", "gpt-4o-mini", "o1"])
    }

    @Test func cycleInStoredDataIsSafeOnRead() {
        let graph = AccessGroupGraph(
            deployments: F.deployments,
            records: [
                F.record("a", ["b", "gpt-4o"]), F.record("b", ["c", "claude-3"]), F.record("c", ["a", "o1"]), F.record("self", ["self", "o1"]),
            ])
        #expect(graph.models(in: "a") == ["gpt-4o", "claude-3", "o1"])
        #expect(graph.models(in: "c") == ["gpt-4o", "claude-3", "o1"])
        #expect(graph.models(in: "self") == ["o1"])
    }

    @Test func resolutionStopsAtTheDepthBound() {
        // g0 → g1 → … → g19, each holding one model m<i>: only the first maxDepth levels resolve.
        let records = (0..<20).map { level in F.record("g\(level)", ["m\(level)"] + (level < 19 ? ["g\(level + 1)"] : [])) }
        let graph = AccessGroupGraph(records: records)
        let expected = Set((0..<AccessGroupGraph.maxDepth).map { "m\($0)" })
        #expect(graph.models(in: "g0") == expected)
        #expect(graph.models(in: "g10") == Set((10..<20).map { "m\($0)" }))
    }

    @Test func validWriteReturnsDeduplicatedMembers() throws {
        let members = try F.graph.validateWrite(groupID: "new", members: ["o1", "research", "o1"], knownModels: F.modelNames)
        #expect(members == ["o1", "research"])
    }

    @Test func unknownMemberIsRejectedByName() {
        let error = #expect(throws: AccessGroupValidationError.self) {
            try F.graph.validateWrite(groupID: "new", members: ["o1", "gpt-5", "nope"], knownModels: F.modelNames)
        }
        #expect(error?.isUnknownMembers == true)
        #expect(error?.unknownMembers == ["gpt-5", "nope"])
        #expect(error?.message.contains("gpt-5, nope") == true)
    }

    @Test func groupContainingItselfIsRejected() {
        let error = #expect(throws: AccessGroupValidationError.self) {
            try F.graph.validateWrite(groupID: "research", members: ["o1", "research"], knownModels: F.modelNames)
        }
        #expect(error?.isSelfReference == true)
    }

    @Test func cycleOnWriteIsRejectedWithItsPath() {
        // reasoning ⊂ research ⊂ everything; making reasoning contain everything closes the loop.
        let error = #expect(throws: AccessGroupValidationError.self) {
            try F.graph.validateWrite(groupID: "reasoning", members: ["o1", "everything"], knownModels: F.modelNames)
        }
        #expect(error?.isCycle == true)
        #expect(error?.cyclePath == ["reasoning", "everything", "research", "reasoning"])
        #expect(error?.message.contains("reasoning → everything → research → reasoning") == true)
    }

    @Test func rewritingAGroupWithoutTheLoopIsAccepted() throws {
        let graph = AccessGroupGraph(deployments: F.deployments, records: F.records + [F.record("top", ["everything"])])
        // research drops reasoning: no cycle, and the old edge no longer counts.
        try graph.validateWrite(groupID: "research", members: ["anthropic-models"], knownModels: F.modelNames)
        // The stored graph still has reasoning ⊂ research ⊂ everything ⊂ top, so reasoning ⊃ top is a loop.
        #expect(throws: AccessGroupValidationError.self) {
            try graph.validateWrite(groupID: "reasoning", members: ["top"], knownModels: F.modelNames)
        }
    }

    @Test func databaseOnlyModeKnowsGroupsAndFailsClosedOnTheRest() throws {
        let dbOnly = AccessGroupGraph(records: [F.record("image", []), F.record("reasoning", ["o1"])])
        let members = try dbOnly.validateWrite(groupID: "project-x", members: ["image", "reasoning"], knownModels: nil)
        #expect(members == ["image", "reasoning"])
        let error = #expect(throws: AccessGroupValidationError.self) {
            try dbOnly.validateWrite(groupID: "project-x", members: ["gpt-4", "image"], knownModels: nil)
        }
        #expect(error?.unknownMembers == ["gpt-4"])
    }

    @Test(arguments: ["", "*", "all-proxy-models", "all-team-models", "no-default-models", "openai/*", "gpt-4o"])
    func invalidGroupNamesAreRejected(name: String) {
        let error = #expect(throws: AccessGroupValidationError.self) {
            try F.graph.validateWrite(groupID: name, members: ["o1"], knownModels: F.modelNames)
        }
        #expect(error?.isInvalidName == true)
    }

    @Test func writeNestingDeeperThanTheBoundIsRejected() throws {
        // A chain of maxDepth groups g0 ⊃ g1 ⊃ … ⊃ g15; adding a group under g15 makes maxDepth + 1 levels.
        let depth = AccessGroupGraph.maxDepth
        let records = (0..<depth).map { level in F.record("g\(level)", level < depth - 1 ? ["g\(level + 1)"] : ["o1"]) }
        let graph = AccessGroupGraph(deployments: F.deployments, records: records + [F.record("leaf", ["o1"])])
        try graph.validateWrite(groupID: "g\(depth - 1)", members: ["o1"], knownModels: F.modelNames)
        let error = #expect(throws: AccessGroupValidationError.self) {
            try graph.validateWrite(groupID: "g\(depth - 1)", members: ["leaf"], knownModels: F.modelNames)
        }
        #expect(error?.isTooDeep == true)
        // The same group added on top of the chain is too deep as well.
        #expect(throws: AccessGroupValidationError.self) {
            try graph.validateWrite(groupID: "root", members: ["g0"], knownModels: F.modelNames)
        }
    }
}
