import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

extension IdentityRoutesTests {
    /// LiteLLM's organization membership routes and `DELETE /organization/delete`, on both stores.
    struct OrganizationMemberTests {
        let admin = IdentityFixture.admin

        private func send(_ gateway: TestEndpoint, _ method: HTTPMethod, _ path: String, _ body: JSON) async throws -> TestEndpoint.Reply {
            try await gateway.request(method, path, body: try body.serializedString(), headers: ["authorization": "Bearer \(admin)"])
        }

        @Test(arguments: IdentityFixture.Store.enabled)
        func membersAreAddedUpdatedAndDeleted(store: IdentityFixture.Store) async throws {
            try await IdentityFixture.withGateway(store) { gateway in
                _ = try await gateway.post("/organization/new", json: ["organization_id": "o1", "max_budget": 50, "rpm_limit": 10], key: admin)
                let added = try await gateway.post(
                    "/organization/member_add",
                    json: [
                        "organization_id": "o1",
                        "member": [["user_id": "ann", "role": "org_admin"], ["user_email": "bo@example.com", "max_budget_in_organization": 5]],
                    ], key: admin)
                #expect(added.status == 200, "\(added.body)")
                let members = added.json?["members"]?.arrayValue ?? []
                #expect(members.count == 2)
                #expect(members.first?["user_role"] == "org_admin")
                #expect(members.last?["user_role"] == "internal_user")
                // Unknown members became users: by id, and a new user for the email.
                #expect(try await gateway.get("/user/info?user_id=ann", key: admin).status == 200)
                let bo = try #require(members.last?["user_id"]?.stringValue)
                #expect(try await gateway.get("/user/info?user_id=\(bo)", key: admin).json?["user_info"]?["user_email"] == "bo@example.com")

                let again = try await gateway.post(
                    "/organization/member_add", json: ["organization_id": "o1", "member": ["user_id": "ann"]], key: admin)
                #expect(again.error?["code"] == "already_exists")
                let badRole = try await gateway.post(
                    "/organization/member_add", json: ["organization_id": "o1", "member": ["user_id": "cy", "role": "owner"]], key: admin)
                #expect(badRole.status == 400)
                #expect(badRole.error?["param"] == "member.role")

                let updated = try await send(
                    gateway, .PATCH, "/organization/member_update", ["organization_id": "o1", "user_email": "bo@example.com", "role": "org_admin"])
                #expect(updated.status == 200, "\(updated.body)")
                #expect(updated.json?["members"]?[1]?["user_role"] == "org_admin")

                let removed = try await send(gateway, .DELETE, "/organization/member_delete", ["organization_id": "o1", "user_id": "ann"])
                #expect(removed.json?["members"]?.arrayValue?.count == 1, "\(removed.body)")
                #expect(try await send(gateway, .DELETE, "/organization/member_delete", ["organization_id": "o1", "user_id": "ann"]).status == 404)

                let listed = try await gateway.get("/organization/list", key: admin).json?.arrayValue?.first
                #expect(listed?["litellm_budget_table"]?["max_budget"]?.doubleValue == 50)
                #expect(listed?["litellm_budget_table"]?["rpm_limit"] == 10)

                let deleted = try await send(gateway, .DELETE, "/organization/delete", ["organization_ids": ["o1"]])
                #expect(deleted.json?["deleted_organizations"] == ["o1"], "\(deleted.body)")
            }
        }
    }
}
