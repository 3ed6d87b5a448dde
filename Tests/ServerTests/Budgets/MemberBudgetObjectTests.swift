import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// Shared budget objects (`/budget/*`) named by `budget_id` from team and organization members, over HTTP on both
/// stores: a team member's key held to the budget's limits within the team while a member without it is not, one
/// `/budget/update` reaching every member naming it, unknown ids refused, and the refused delete of a budget a
/// member still names.
struct MemberBudgetObjectTests {
    @Test(arguments: KeyBackend.available)
    func teamMembersAreHeldToTheirSharedBudget(_ backend: KeyBackend) async throws {
        try await BudgetGateway.run(backend) { gateway in
            try await gateway.create("/budget/new", ["budget_id": "tight", "rpm_limit": 1])

            // Unknown budget ids are refused everywhere a member is given, and nothing is written.
            let typo = try await gateway.post(
                "/team/new", ["team_id": "ghost", "members_with_roles": [["user_id": "ann"], ["user_id": "zed", "budget_id": "tihgt"]]])
            #expect(typo.status == 400, "\(typo.body)")
            #expect(typo.error?["code"] == "budget_not_found")
            #expect(typo.error?["param"] == "members_with_roles[1].budget_id", "\(typo.body)")
            #expect(try await gateway.get("/team/info?team_id=ghost").status == 404)

            try await gateway.create(
                "/team/new", ["team_id": "crew", "members_with_roles": [["user_id": "ann", "budget_id": "tight"], ["user_id": "cat"]]])
            let unknown = try await gateway.post("/team/member_add", ["team_id": "crew", "member": ["user_id": "bob", "budget_id": "nope"]])
            #expect(unknown.status == 400, "\(unknown.body)")
            #expect(unknown.error?["code"] == "budget_not_found")
            #expect(unknown.error?["param"] == "member.budget_id")
            try await gateway.create("/team/member_add", ["team_id": "crew", "member": [["user_id": "bob", "budget_id": "tight"]]])
            let badUpdate = try await gateway.post("/team/member_update", ["team_id": "crew", "user_id": "cat", "budget_id": "nope"])
            #expect(badUpdate.status == 400, "\(badUpdate.body)")
            #expect(badUpdate.error?["code"] == "budget_not_found")

            // /team/info shows each member's budget_id, and LiteLLM's team_memberships with the budget table.
            let info = try #require(try await gateway.get("/team/info?team_id=crew").json)
            let members = info["team_info"]?["members_with_roles"]?.arrayValue ?? []
            #expect(members.first { $0["user_id"] == "ann" }?["budget_id"] == "tight", "\(members)")
            #expect(members.first { $0["user_id"] == "bob" }?["budget_id"] == "tight", "\(members)")
            #expect(members.first { $0["user_id"] == "cat" }?["budget_id"] == nil, "\(members)")
            let memberships = info["team_memberships"]?.arrayValue ?? []
            let annRow = memberships.first { $0["user_id"] == "ann" }
            #expect(annRow?["budget_id"] == "tight", "\(memberships)")
            #expect(annRow?["team_id"] == "crew")
            #expect(annRow?["litellm_budget_table"]?["rpm_limit"] == 1, "\(memberships)")
            #expect(memberships.first { $0["user_id"] == "cat" }?["litellm_budget_table"] == .null, "\(memberships)")

            // rpm_limit 1 from the budget, counted per member within the team; cat, without it, is not limited.
            var keys: [String: String] = [:]
            for user in ["ann", "bob", "cat"] { keys[user] = try await gateway.generateKey(["team_id": "crew", "user_id": .string(user)]).secret }
            try await waitForRoomInMinuteWindow()
            for user in ["ann", "bob"] {
                let key = try #require(keys[user])
                #expect(try await gateway.chat(key).status == 200)
                let second = try await gateway.chat(key)
                #expect(second.status == 429, "\(user): \(second.body)")
                #expect(second.error?["message"]?.stringValue?.contains("team member 'crew:\(user)'") == true, "\(second.body)")
            }
            for _ in 0..<3 { #expect(try await gateway.chat(try #require(keys["cat"])).status == 200, "cat names no budget") }

            // One update reaches both members at once; cat stays free until member_update gives cat the budget.
            let updated = try await gateway.post("/budget/update", ["budget_id": "tight", "rpm_limit": .null, "max_budget": 0])
            #expect(updated.status == 200, "\(updated.body)")
            for user in ["ann", "bob"] {
                let blocked = try await gateway.chat(try #require(keys[user]))
                #expect(blocked.status == 400, "\(user): \(blocked.body)")
                #expect(blocked.error?["type"] == "budget_exceeded")
                #expect(blocked.error?["message"]?.stringValue?.contains("team member 'crew:\(user)'") == true, "\(blocked.body)")
            }
            #expect(try await gateway.chat(try #require(keys["cat"])).status == 200)
            try await gateway.create("/team/member_update", ["team_id": "crew", "user_id": "cat", "budget_id": "tight"])
            #expect(try await gateway.chat(try #require(keys["cat"])).status == 400, "cat now names the spent budget")

            // A budget members still name is not deleted; once none does (a null budget_id clears it), it is.
            let inUse = try await gateway.post("/budget/delete", ["id": "tight"])
            #expect(inUse.status == 400, "\(inUse.body)")
            #expect(inUse.error?["code"] == "budget_in_use")
            #expect(inUse.error?["message"]?.stringValue?.contains("team member(s) 'crew:ann', 'crew:bob', 'crew:cat'") == true, "\(inUse.body)")
            for user in ["ann", "bob", "cat"] {
                try await gateway.create("/team/member_update", ["team_id": "crew", "user_id": .string(user), "budget_id": .null])
            }
            #expect(try await gateway.chat(try #require(keys["ann"])).status == 200, "ann's own limits only")
            #expect(try await gateway.post("/budget/delete", ["id": "tight"]).status == 200)
        }
    }

    @Test(arguments: KeyBackend.available)
    func organizationMembersNameASharedBudget(_ backend: KeyBackend) async throws {
        try await BudgetGateway.run(backend) { gateway in
            try await gateway.create("/budget/new", ["budget_id": "org-b", "max_budget": 5])
            try await gateway.create("/organization/new", ["organization_id": "acme"])
            for (member, param) in [
                (["user_id": "dee", "budget_id": "missing"] as JSON, "member.budget_id"), (["user_id": "dee", "budget_id": 7], "member.budget_id"),
            ] {
                let refused = try await gateway.post("/organization/member_add", ["organization_id": "acme", "member": member])
                #expect(refused.status == 400, "\(refused.body)")
                #expect(refused.error?["param"] == .string(param), "\(refused.body)")
            }
            try await gateway.create(
                "/organization/member_add", ["organization_id": "acme", "member": [["user_id": "dee", "budget_id": "org-b"], ["user_id": "eve"]]])

            let info = try #require(try await gateway.get("/organization/info?organization_id=acme").json)
            let dee = info["members"]?.arrayValue?.first { $0["user_id"] == "dee" }
            #expect(dee?["budget_id"] == "org-b", "\(info)")
            #expect(dee?["organization_id"] == "acme")
            #expect(dee?["litellm_budget_table"]?["max_budget"] == 5, "\(info)")
            #expect(info["members"]?.arrayValue?.first { $0["user_id"] == "eve" }?["budget_id"] == .null, "\(info)")

            let patch = { (body: JSON) in
                try await gateway.endpoint.request(
                    .PATCH, "/organization/member_update", body: try body.serializedString(),
                    headers: ["authorization": "Bearer \(BudgetGateway.master)"])
            }
            let unknown = try await patch(["organization_id": "acme", "user_id": "eve", "budget_id": "missing"])
            #expect(unknown.status == 400, "\(unknown.body)")
            #expect(unknown.error?["code"] == "budget_not_found")
            #expect(try await patch(["organization_id": "acme", "user_id": "eve", "budget_id": "org-b"]).status == 200)

            let inUse = try await gateway.post("/budget/delete", ["id": "org-b"])
            #expect(inUse.status == 400, "\(inUse.body)")
            #expect(inUse.error?["code"] == "budget_in_use")
            #expect(inUse.error?["message"]?.stringValue?.contains("organization member(s) 'acme:dee', 'acme:eve'") == true, "\(inUse.body)")
            for user in ["dee", "eve"] {
                #expect(try await patch(["organization_id": "acme", "user_id": .string(user), "budget_id": .null]).status == 200)
            }
            let cleared = try await gateway.get("/organization/info?organization_id=acme").json
            #expect(cleared?["members"]?.arrayValue?.allSatisfy { $0["budget_id"] == .null } == true, "\(cleared ?? [:])")
            #expect(try await gateway.post("/budget/delete", ["id": "org-b"]).status == 200)
        }
    }
}
