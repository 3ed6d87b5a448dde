import GatewayCore
import GatewayTesting
import Testing

/// Who may call which route, through HTTP on both stores: a key's `allowed_routes` (paths and LiteLLM's route
/// groups) over LLM, model-list and management routes; roles on admin-only routes; team admins; admin viewers.
struct RouteAuthorizationTests {
    @Test(arguments: KeyBackend.available)
    func allowedRoutesCoverManagementAndLLMRoutes(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            try await gateway.createUser("u-admin", role: "proxy_admin")
            func key(_ routes: [String]) async throws -> String {
                // Keys of a proxy admin, so only `allowed_routes` can refuse them.
                try await gateway.generate(["user_id": "u-admin", "allowed_routes": .array(routes.map { .string($0) })]).secret
            }
            func routeDenied(_ reply: TestEndpoint.Reply) -> Bool { reply.status == 403 && reply.error?["code"] == "route_not_allowed" }

            let keyInfo = try await key(["/key/info"])
            #expect(try await gateway.get("/key/info", key: keyInfo).status == 200)
            #expect(routeDenied(try await gateway.post("/key/generate", [:], key: keyInfo)))
            #expect(routeDenied(try await gateway.chat(keyInfo)))
            #expect(routeDenied(try await gateway.get("/v1/models", key: keyInfo)))
            #expect(routeDenied(try await gateway.get("/team/list", key: keyInfo)))

            let info = try await key(["info_routes"])
            #expect(try await gateway.get("/key/info", key: info).status == 200)
            #expect(try await gateway.get("/team/list", key: info).status == 200)
            #expect(try await gateway.get("/key/list", key: info).status == 200)
            #expect(try await gateway.get("/v1/models", key: info).status == 200)
            #expect(routeDenied(try await gateway.post("/key/generate", [:], key: info)))
            #expect(routeDenied(try await gateway.post("/team/new", ["team_id": "t-x"], key: info)))
            #expect(routeDenied(try await gateway.chat(info)))

            let management = try await key(["management_routes"])
            #expect(try await gateway.post("/team/new", ["team_id": "t-m"], key: management).status == 200)
            #expect(try await gateway.post("/key/generate", [:], key: management).status == 200)
            #expect(try await gateway.get("/key/info", key: management).status == 200)
            #expect(routeDenied(try await gateway.chat(management)))
            #expect(routeDenied(try await gateway.get("/v1/models", key: management)))

            let llm = try await key(["llm_api_routes"])
            #expect(try await gateway.get("/v1/models", key: llm).status == 200)
            let answered = try await gateway.chat(llm)
            #expect(answered.status == 200, "\(answered.body)")
            #expect(routeDenied(try await gateway.get("/key/info", key: llm)))
            #expect(routeDenied(try await gateway.post("/key/generate", [:], key: llm)))

            let prefix = try await key(["/key/*"])
            #expect(try await gateway.post("/key/generate", [:], key: prefix).status == 200)
            #expect(routeDenied(try await gateway.get("/team/list", key: prefix)))
        }
    }

    @Test(arguments: KeyBackend.available)
    func rolesDecideAdminRoutes(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            try await gateway.createUser("u-plain")
            try await gateway.createUser("u-viewer", role: "proxy_admin_viewer")
            let plain = try await gateway.generate(["user_id": "u-plain"]).secret
            let viewer = try await gateway.generate(["user_id": "u-viewer"]).secret
            let unowned = try await gateway.generate().secret

            // A non-admin key on admin-only routes.
            for caller in [plain, unowned] {
                #expect(try await gateway.post("/team/new", ["team_id": "t-no"], key: caller).status == 403)
                #expect(try await gateway.post("/user/new", ["user_id": "u-no"], key: caller).status == 403)
                #expect(try await gateway.post("/organization/new", [:], key: caller).status == 403)
                #expect(try await gateway.get("/user/list", key: caller).status == 403)
                #expect(try await gateway.get("/audit/logs", key: caller).status == 403)
                #expect(try await gateway.post("/customer/block", ["user_ids": ["c"]], key: caller).status == 403)
            }
            // A user's key lists that user's keys only (as LiteLLM); a key of no user lists none.
            let own = try #require(try await gateway.get("/key/list?return_full_object=true", key: plain).json?["keys"]?.arrayValue)
            #expect(!own.isEmpty && own.allSatisfy { $0["user_id"] == "u-plain" }, "\(own)")
            #expect(try await gateway.get("/key/list", key: unowned).status == 403)

            // An admin viewer reads everything and writes nothing.
            try await gateway.createTeam("t-read")
            let someKey = try await gateway.generate(["team_id": "t-read"])
            for path in ["/team/list", "/team/info?team_id=t-read", "/user/list", "/key/list", "/key/info?key=\(someKey.token)", "/audit/logs"] {
                #expect(try await gateway.get(path, key: viewer).status == 200, "\(path)")
            }
            let writes: [(String, JSON)] = [
                ("/team/new", ["team_id": "t-v"]), ("/team/update", ["team_id": "t-read", "team_alias": "x"]),
                ("/user/new", ["user_id": "u-v"]), ("/key/generate", [:]), ("/key/block", ["key": .string(someKey.token)]),
                ("/key/delete", ["keys": [.string(someKey.token)]]), ("/team/member_add", ["team_id": "t-read", "member": ["user_id": "u-plain"]]),
                ("/organization/new", [:]), ("/access_group/new", ["access_group_id": "g", "access_model_names": ["gpt-test"]]),
            ]
            for (path, body) in writes {
                #expect(try await gateway.post(path, body, key: viewer).status == 403, "\(path)")
            }
            #expect(try await gateway.get("/team/info?team_id=t-read", key: plain).status == 403, "not a member")
        }
    }

    @Test(arguments: KeyBackend.available)
    func teamAdminsManageTheirTeamOnly(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            try await gateway.createUser("u-lead")
            try await gateway.createTeam("t-mine", admins: ["u-lead"])
            try await gateway.createTeam("t-theirs")
            let lead = try await gateway.generate(["user_id": "u-lead"]).secret
            let theirKey = try await gateway.generate(["team_id": "t-theirs"])

            // Their own team: keys and members.
            let mine = try await gateway.generate(["team_id": "t-mine"], by: lead)
            #expect(try await gateway.post("/key/update", ["key": .string(mine.token), "max_budget": 5], key: lead).status == 200)
            #expect(try await gateway.get("/key/info?key=\(mine.token)", key: lead).status == 200)
            #expect(try await gateway.post("/team/member_add", ["team_id": "t-mine", "member": ["user_id": "u-new"]], key: lead).status == 200)
            #expect(try await gateway.post("/team/member_delete", ["team_id": "t-mine", "user_id": "u-new"], key: lead).status == 200)
            #expect(try await gateway.get("/team/info?team_id=t-mine", key: lead).json?["keys"]?.arrayValue?.count == 1)
            #expect(try await gateway.post("/key/delete", ["keys": [.string(mine.token)]], key: lead).status == 200)

            // Another team: nothing.
            #expect(try await gateway.post("/key/generate", ["team_id": "t-theirs"], key: lead).status == 403)
            #expect(try await gateway.post("/key/update", ["key": .string(theirKey.token), "max_budget": 1], key: lead).status == 403)
            #expect(try await gateway.post("/key/block", ["key": .string(theirKey.token)], key: lead).status == 403)
            #expect(try await gateway.post("/key/delete", ["keys": [.string(theirKey.token)]], key: lead).status == 403)
            #expect(try await gateway.get("/key/info?key=\(theirKey.token)", key: lead).status == 403)
            #expect(try await gateway.post("/team/member_add", ["team_id": "t-theirs", "member": ["user_id": "u-lead"]], key: lead).status == 403)
            #expect(try await gateway.post("/team/member_delete", ["team_id": "t-theirs", "user_id": "u-x"], key: lead).status == 403)
            #expect(try await gateway.post("/team/update", ["team_id": "t-theirs", "team_alias": "mine now"], key: lead).status == 403)
            #expect(try await gateway.get("/team/info?team_id=t-theirs", key: lead).status == 403)
            #expect(try await gateway.chat(theirKey.secret).status == 200, "their key still works")
        }
    }
}
