import GatewayCore
import GatewayTesting
import Testing

extension IdentityRoutesTests {
    /// `/user/*` through HTTP on both stores.
    struct UserRoutesTests {
        let admin = IdentityFixture.admin

        @Test(arguments: IdentityFixture.Store.enabled)
        func createReadUpdateDeleteWithAuditRows(store: IdentityFixture.Store) async throws {
            try await IdentityFixture.withGateway(store) { gateway in
                _ = try await gateway.post("/team/new", json: ["team_id": "t1"], key: admin)
                let created = try await gateway.post(
                    "/user/new",
                    json: ["user_id": "u1", "user_email": "u1@example.com", "user_role": "internal_user_viewer", "teams": ["t1"], "max_budget": 3],
                    key: admin)
                #expect(created.status == 200, "\(created.body)")
                #expect(created.json?["user_role"] == "internal_user_viewer")
                // Joining a team through /user/new makes the user a member of it.
                #expect(try await gateway.get("/team/info?team_id=t1", key: admin).json?["team_info"]?["members"]?[0]?["user_id"] == "u1")

                let generated = try await gateway.post("/user/new", json: ["user_email": "x@example.com"], key: admin)
                #expect(generated.json?["user_role"] == "internal_user")
                #expect(generated.json?["user_id"]?.stringValue?.isEmpty == false)

                let updated = try await gateway.post("/user/update", json: ["user_id": "u1", "user_role": "proxy_admin_viewer"], key: admin)
                #expect(updated.json?["user_role"] == "proxy_admin_viewer")
                #expect(updated.json?["user_email"] == "u1@example.com")
                #expect(updated.json?["max_budget"]?.doubleValue == 3)

                let info = try await gateway.get("/user/info?user_id=u1", key: admin)
                #expect(info.json?["user_info"]?["user_email"] == "u1@example.com")
                #expect(info.json?["teams"]?[0]?["team_id"] == "t1")

                let list = try await gateway.get("/user/list?page_size=1", key: IdentityFixture.viewer)
                #expect(list.json?["total"] == 2)
                #expect(list.json?["users"]?.arrayValue?.count == 1)

                #expect(try await gateway.post("/user/delete", json: ["user_ids": ["u1"]], key: admin).json?["deleted_users"] == ["u1"])
                #expect(try await gateway.get("/user/info?user_id=u1", key: admin).status == 404)
                #expect(try await gateway.get("/team/info?team_id=t1", key: admin).json?["team_info"]?["members"] == [])

                let rows = try await IdentityFixture.auditRows(gateway, type: "user", id: "u1")
                #expect(rows.map { $0["action"] } == ["deleted", "updated", "created"])
                #expect(rows[1]["before"]?["user_role"] == "internal_user_viewer")
                #expect(rows[1]["after"]?["user_role"] == "proxy_admin_viewer")
            }
        }

        @Test(arguments: IdentityFixture.Store.enabled)
        func badInputAndAccess(store: IdentityFixture.Store) async throws {
            try await IdentityFixture.withGateway(store) { gateway in
                #expect(try await gateway.post("/user/new", json: ["user_id": "u1"], key: admin).status == 200)
                #expect(try await gateway.post("/user/new", json: ["user_id": "u1"], key: admin).error?["code"] == "already_exists")
                let role = try await gateway.post("/user/new", json: ["user_role": "root"], key: admin)
                #expect(role.status == 400)
                #expect(role.error?["param"] == "user_role")
                #expect(try await gateway.post("/user/new", json: ["models": "fake-a"], key: admin).error?["param"] == "models")
                #expect(try await gateway.post("/user/new", json: ["teams": ["nope"]], key: admin).status == 404)
                #expect(try await gateway.post("/user/update", json: ["user_id": "zz"], key: admin).status == 404)
                #expect(try await gateway.post("/user/update", json: ["user_role": "proxy_admin"], key: admin).error?["param"] == "user_id")
                #expect(try await gateway.post("/user/delete", json: [:], key: admin).error?["param"] == "user_ids")

                // A user reads itself only; writes take a proxy admin.
                let me = IdentityFixture.user("u1")
                #expect(try await gateway.get("/user/info", key: me).json?["user_id"] == "u1")
                #expect(try await gateway.get("/user/info?user_id=u1", key: me).status == 200)
                _ = try await gateway.post("/user/new", json: ["user_id": "u2"], key: admin)
                #expect(try await gateway.get("/user/info?user_id=u2", key: me).status == 403)
                #expect(try await gateway.get("/user/list", key: me).status == 403)
                #expect(try await gateway.post("/user/update", json: ["user_id": "u1", "user_role": "proxy_admin"], key: me).status == 403)
                #expect(try await gateway.post("/user/new", json: [:], key: IdentityFixture.viewer).status == 403)
            }
        }

        /// As LiteLLM, `/user/new` answers with a new key for the user (`key`, `token_id`) unless `auto_create_key`
        /// is false.
        @Test(arguments: IdentityFixture.Store.enabled)
        func newUsersGetAKeyUnlessAskedNotTo(store: IdentityFixture.Store) async throws {
            try await IdentityFixture.withGateway(store) { gateway in
                let created = try await gateway.post("/user/new", json: ["user_id": "keyed", "models": ["fake-a"]], key: admin)
                #expect(created.status == 200, "\(created.body)")
                let secret = try #require(created.json?["key"]?.stringValue, "\(created.body)")
                #expect(created.json?["token_id"]?.stringValue?.isEmpty == false)
                let info = try await gateway.get("/key/info?key=\(secret)", key: admin)
                #expect(info.json?["info"]?["user_id"] == "keyed", "\(info.body)")
                let chat: JSON = ["model": "fake-a", "messages": [["role": "user", "content": "hi"]]]
                #expect(try await gateway.post("/v1/chat/completions", json: chat, key: secret).status == 200)

                let bare = try await gateway.post("/user/new", json: ["user_id": "keyless", "auto_create_key": false], key: admin)
                #expect(bare.status == 200)
                #expect(bare.json?["key"] == nil)
            }
        }
    }
}
