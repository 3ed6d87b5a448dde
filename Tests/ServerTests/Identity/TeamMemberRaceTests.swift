import GatewayCore
import GatewayTesting
import Testing

extension IdentityRoutesTests {
    /// Team writes that name a user who does not exist yet create that user once, concurrently too, and keep every
    /// team in the user's list.
    struct TeamMemberRaceTests {
        let admin = IdentityFixture.admin

        @Test(arguments: IdentityFixture.Store.enabled)
        func tenConcurrentTeamsWithOneNewMember(store: IdentityFixture.Store) async throws {
            try await IdentityFixture.withGateway(store) { gateway in
                let replies = try await withThrowingTaskGroup(of: TestEndpoint.Reply.self) { group in
                    for index in 0..<10 {
                        group.addTask {
                            try await gateway.post(
                                "/team/new", json: ["team_id": .string("race-\(index)"), "members_with_roles": [["user_id": "newcomer"]]],
                                key: admin)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(replies.allSatisfy { $0.status == 200 }, "\(replies.filter { $0.status != 200 }.map(\.body))")
                #expect(try await gateway.get("/team/list", key: admin).json?.arrayValue?.count == 10)

                let user = try await gateway.get("/user/info?user_id=newcomer", key: admin)
                #expect(user.status == 200, "\(user.body)")
                let teams = user.json?["user_info"]?["teams"]?.arrayValue?.compactMap(\.stringValue) ?? []
                #expect(Set(teams) == Set((0..<10).map { "race-\($0)" }), "\(teams)")
                #expect(teams.count == 10)
                let created = try await IdentityFixture.auditRows(gateway, type: "user", id: "newcomer").filter { $0["action"] == "created" }
                #expect(created.count == 1)
            }
        }
    }
}
