import GatewayCore
import OpenAIResponsesDialect
import Testing

/// Who may see a stored response, its document round trip, and the input-items page.
struct StoredResponseTests {
    static let stored = StoredResponse(
        id: "resp_1", owner: "keyhash-a", teamID: "team-1", response: ["id": "resp_1"], inputItems: [["id": "msg_1"]],
        conversation: [["id": "msg_1"], ["id": "msg_2"]])

    @Test func theCreatorAndItsTeamSeeItOthersDoNot() {
        #expect(Self.stored.isVisible(to: Principal(subject: "keyhash-a", role: .user)))
        #expect(Self.stored.isVisible(to: Principal(subject: "keyhash-b", role: .user, teamID: "team-1")))
        #expect(!Self.stored.isVisible(to: Principal(subject: "keyhash-c", role: .user, teamID: "team-2")))
        #expect(!Self.stored.isVisible(to: Principal(subject: "keyhash-c", role: .user)))
        let teamless = StoredResponse(id: "resp_2", owner: "keyhash-a", teamID: nil, response: [:], inputItems: [], conversation: [])
        #expect(!teamless.isVisible(to: Principal(subject: "keyhash-b", role: .user)))
    }

    @Test func documentRoundTrips() {
        #expect(StoredResponse(document: Self.stored.document) == Self.stored)
        #expect(Self.stored.document["team_id"] == "team-1", "indexed by the stores' team_id column")
        #expect(StoredResponse(document: ["id": "resp_1"]) == nil)
    }

    @Test func inputItemsPageInOpenAIsListShape() throws {
        let items: [JSON] = (1...5).map { ["id": .string("msg_\($0)")] }
        let newestFirst = try ResponsesInputItemList.page(items, query: ["limit": "2"])
        #expect(newestFirst["object"] == "list")
        #expect(newestFirst["data"] == [["id": "msg_5"], ["id": "msg_4"]])
        #expect(newestFirst["first_id"] == "msg_5")
        #expect(newestFirst["last_id"] == "msg_4")
        #expect(newestFirst["has_more"] == true)
        let next = try ResponsesInputItemList.page(items, query: ["order": "asc", "after": "msg_3"])
        #expect(next["data"] == [["id": "msg_4"], ["id": "msg_5"]])
        #expect(next["has_more"] == false)
    }

    @Test(arguments: [["limit": "0"], ["limit": "101"], ["limit": "x"], ["order": "up"], ["after": "msg_9"], ["include": "x"]])
    func badInputItemQueriesAreRefused(query: [String: String]) {
        #expect(throws: GatewayError.self) { try ResponsesInputItemList.page([["id": "msg_1"]], query: query) }
    }

    @Test func responseIDsAreRandomAndPrefixed() {
        let first = ResponsesIDs.response()
        #expect(first.hasPrefix("resp_"))
        #expect(first.count == 5 + 48)
        #expect(first != ResponsesIDs.response())
    }
}
