import GatewayCore
import GatewayTesting
import Testing

extension IdentityRoutesTests {
    /// `/team/*` as LiteLLM's clients call it: explicit nulls meaning "not set", members by email, `member_update`,
    /// `members_with_roles` and `data` in the answers, and a team's own key reading its team.
    struct TeamLiteLLMShapeTests {
        let admin = IdentityFixture.admin

        @Test(arguments: IdentityFixture.Store.enabled)
        func liteLLMClientsCallsWork(store: IdentityFixture.Store) async throws {
            try await IdentityFixture.withGateway(store) { gateway in
                let created = try await gateway.post(
                    "/team/new",
                    json: [
                        "team_id": "lt", "team_alias": "a", "models": nil, "max_budget": nil, "metadata": nil,
                        "members_with_roles": [["user_email": "ada@example.com", "role": "admin"]],
                    ], key: admin)
                #expect(created.status == 200, "\(created.body)")
                #expect(created.json?["models"] == [])
                let ada = try #require(created.json?["members_with_roles"]?[0]?["user_id"]?.stringValue, "\(created.body)")
                #expect(try await gateway.get("/user/info?user_id=\(ada)", key: admin).json?["user_info"]?["user_email"] == "ada@example.com")

                _ = try await gateway.post("/team/model/add", json: ["team_id": "lt", "models": ["fake-a"]], key: admin)
                let updated = try await gateway.post("/team/update", json: ["team_id": "lt", "models": nil, "team_alias": "b"], key: admin)
                #expect(updated.status == 200, "\(updated.body)")
                #expect(updated.json?["data"]?["team_alias"] == "b")
                #expect(updated.json?["data"]?["models"] == ["fake-a"], "a null leaves the field as it is")

                let added = try await gateway.post(
                    "/team/member_add", json: ["team_id": "lt", "member": ["user_email": "bo@example.com"]], key: admin)
                #expect(added.status == 200, "\(added.body)")
                let changed = try await gateway.post(
                    "/team/member_update", json: ["team_id": "lt", "user_email": "bo@example.com", "role": "admin", "max_budget_in_team": 5],
                    key: admin)
                #expect(changed.status == 200, "\(changed.body)")
                let bo = changed.json?["members"]?.arrayValue?.last
                #expect(bo?["role"] == "admin")
                #expect(bo?["max_budget"]?.doubleValue == 5)
                #expect(try await gateway.post("/team/member_update", json: ["team_id": "lt", "user_id": "nobody"], key: admin).status == 404)
                let tooMuch = try await gateway.post(
                    "/team/member_update", json: ["team_id": "lt", "user_id": .string(ada), "max_budget_in_team": -1], key: admin)
                #expect(tooMuch.error?["param"] == "max_budget_in_team")

                // A key of the team (no user) reads its team, not another.
                _ = try await gateway.post("/team/new", json: ["team_id": "other"], key: admin)
                let teamKey = try #require(try await gateway.post("/key/generate", json: ["team_id": "lt"], key: admin).json?["key"]?.stringValue)
                #expect(try await gateway.get("/team/info?team_id=lt", key: teamKey).status == 200)
                #expect(try await gateway.get("/team/info?team_id=other", key: teamKey).status == 403)
            }
        }
    }
}
