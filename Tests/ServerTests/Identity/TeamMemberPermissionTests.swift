import GatewayCore
import GatewayTesting
import Testing

extension IdentityRoutesTests {
    /// LiteLLM's `team_member_permissions`: which key routes a plain team member may call for the team's keys
    /// (by default `/key/info` and `/key/health`); others are a 401 `team_member_permission_error`.
    struct TeamMemberPermissionTests {
        let admin = IdentityFixture.admin

        @Test(arguments: IdentityFixture.Store.enabled)
        func membersCallWhatTheirTeamAllows(store: IdentityFixture.Store) async throws {
            try await IdentityFixture.withGateway(store) { gateway in
                let created = try await gateway.post(
                    "/team/new", json: ["team_id": "perm", "members_with_roles": [["user_id": "lead", "role": "admin"], ["user_id": "dev"]]],
                    key: admin)
                #expect(created.status == 200, "\(created.body)")
                let teamKey = try #require(try await gateway.post("/key/generate", json: ["team_id": "perm"], key: admin).json?["token"]?.stringValue)
                let dev = IdentityFixture.user("dev")

                // The defaults: a member reads the team's keys and creates none.
                #expect(try await gateway.get("/key/info?key=\(teamKey)", key: dev).status == 200)
                let refused = try await gateway.post("/key/generate", json: ["team_id": "perm"], key: dev)
                #expect(refused.status == 401, "\(refused.body)")
                #expect(refused.error?["type"] == "team_member_permission_error")
                #expect(try await gateway.post("/key/generate", json: ["team_id": "perm"], key: IdentityFixture.user("lead")).status == 200)

                // The team lets members create and update keys, not delete them.
                let allowed = try await gateway.post(
                    "/team/update", json: ["team_id": "perm", "team_member_permissions": ["/key/generate", "/key/update"]], key: admin)
                #expect(allowed.status == 200, "\(allowed.body)")
                let made = try await gateway.post("/key/generate", json: ["team_id": "perm"], key: dev)
                #expect(made.status == 200, "\(made.body)")
                #expect(try await gateway.post("/key/delete", json: ["keys": [.string(teamKey)]], key: dev).status == 401)
                #expect(try await gateway.get("/key/info?key=\(teamKey)", key: dev).status == 401, "the team's list replaces the defaults")

                // An outsider is still a 403; a list naming something else is a 400.
                #expect(try await gateway.post("/key/generate", json: ["team_id": "perm"], key: IdentityFixture.user("stranger")).status == 403)
                let bad = try await gateway.post("/team/update", json: ["team_id": "perm", "team_member_permissions": ["/team/delete"]], key: admin)
                #expect(bad.status == 400)
                #expect(bad.error?["param"] == "team_member_permissions")
            }
        }
    }
}
