import GatewayCore
import GatewayTesting
import Testing

/// The virtual-key auth hook through HTTP on both stores: rejected keys, model and route access, `/v1/models`,
/// roles for management, and the auth cache.
struct VirtualKeyAuthTests {
    @Test(arguments: KeyBackend.available)
    func unknownExpiredAndOrphanedKeysAre401(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            #expect(try await gateway.chat("sk-never-issued").status == 401)
            // Long enough that the first call lands inside it even on a machine loaded by the whole suite (3 s was not).
            let short = try await gateway.generate(["duration": "10s"])
            let issued = ContinuousClock.now
            #expect(try await gateway.chat(short.secret).status == 200)
            try await Task.sleep(until: issued + .milliseconds(10_500))
            let expired = try await gateway.chat(short.secret)
            #expect(expired.status == 401 && expired.error?["code"] == "key_expired")

            try await gateway.createUser("u-gone")
            try await gateway.createTeam("t-gone")
            let teamKey = try await gateway.generate(["team_id": "t-gone"])
            let userKey = try await gateway.generate(["user_id": "u-gone"])
            #expect(try await gateway.chat(teamKey.secret).status == 200)
            #expect(try await gateway.chat(userKey.secret).status == 200)
            #expect(try await gateway.post("/team/delete", ["team_ids": ["t-gone"]]).status == 200)
            #expect(try await gateway.post("/user/delete", ["user_ids": ["u-gone"]]).status == 200)
            let orphan = try await gateway.chat(teamKey.secret)
            #expect(orphan.status == 401 && orphan.error?["code"] == "team_not_found")
            #expect(try await gateway.chat(userKey.secret).error?["code"] == "user_not_found")
        }
    }

    @Test(arguments: KeyBackend.available)
    func blockedTeamAndProjectAre401NamingThem(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            try await gateway.createTeam("t-blocked")
            let key = try await gateway.generate(["team_id": "t-blocked"])
            #expect(try await gateway.chat(key.secret).status == 200)
            #expect(try await gateway.post("/team/block", ["team_id": "t-blocked"]).status == 200)
            let reply = try await gateway.chat(key.secret)
            #expect(reply.status == 401 && reply.error?["code"] == "team_blocked")
            #expect(reply.error?["message"]?.stringValue?.contains("t-blocked") == true)

            #expect(try await gateway.post("/project/new", ["project_id": "p-1", "blocked": true]).status == 200)
            let projectKey = try await gateway.generate(["project_id": "p-1"])
            let denied = try await gateway.chat(projectKey.secret)
            #expect(denied.status == 401 && denied.error?["code"] == "project_blocked")
            #expect(denied.error?["message"]?.stringValue?.contains("p-1") == true)
        }
    }

    @Test(arguments: KeyBackend.available)
    func modelAccessIs403WithLiteLLMTypesAndModelsListIsFiltered(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            let key = try await gateway.generate(["models": ["gpt-test", "claude-test"]])
            #expect(try await gateway.chat(key.secret).status == 200)
            let denied = try await gateway.chat(key.secret, model: "openai-status-500")
            #expect(denied.status == 403)
            #expect(denied.error?["type"] == "key_model_access_denied" && denied.error?["param"] == "model")
            let listed = try await gateway.get("/v1/models", key: key.secret).json?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
            #expect(listed == ["gpt-test", "claude-test"])

            try await gateway.createTeam("t-narrow", models: ["claude-test"])
            let teamKey = try await gateway.generate(["team_id": "t-narrow"])
            let teamDenied = try await gateway.chat(teamKey.secret)
            #expect(teamDenied.status == 403 && teamDenied.error?["type"] == "team_model_access_denied")
            #expect(teamDenied.error?["message"]?.stringValue?.contains("t-narrow") == true)

            let none = try await gateway.generate(["models": ["no-such-model"]])
            #expect(try await gateway.get("/v1/models", key: none.secret).json?["data"] == [])
            let all = try await gateway.generate()
            #expect((try await gateway.get("/v1/models", key: all.secret).json?["data"]?.arrayValue?.count ?? 0) > 2)
        }
    }

    @Test(arguments: KeyBackend.available)
    func allowedRoutesLimitTheKey(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            let embeddingsOnly = try await gateway.generate(["allowed_routes": ["/v1/embeddings"]])
            let reply = try await gateway.chat(embeddingsOnly.secret)
            #expect(reply.status == 403 && reply.error?["code"] == "route_not_allowed")
            let llm = try await gateway.generate(["allowed_routes": ["llm_api_routes"]])
            #expect(try await gateway.chat(llm.secret).status == 200)
            let chat = try await gateway.generate(["allowed_routes": ["/chat/completions"]])
            #expect(try await gateway.chat(chat.secret).status == 200)
        }
    }

    @Test(arguments: KeyBackend.available)
    func teamAdminsAndUsersManageOnlyTheirKeys(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            try await gateway.createUser("u-lead")
            try await gateway.createUser("u-dev")
            try await gateway.createTeam("t-mine", admins: ["u-lead"])
            try await gateway.createTeam("t-theirs")
            let lead = try await gateway.generate(["user_id": "u-lead"])
            let dev = try await gateway.generate(["user_id": "u-dev"])

            let teamKey = try await gateway.generate(["team_id": "t-mine"], by: lead.secret)
            #expect(try await gateway.post("/key/generate", ["team_id": "t-theirs"], key: lead.secret).status == 403)
            #expect(try await gateway.post("/key/block", ["key": .string(teamKey.token)], key: lead.secret).status == 200)
            #expect(try await gateway.post("/key/update", ["key": .string(teamKey.token), "team_id": "t-theirs"], key: lead.secret).status == 403)
            #expect(try await gateway.post("/key/delete", ["keys": [.string(teamKey.token)]], key: dev.secret).status == 403)

            // An internal user's key without a team or user is their own personal key.
            let personal = try await gateway.post("/key/generate", ["key_alias": "mine"], key: dev.secret)
            #expect(personal.status == 200 && personal.json?["user_id"] == "u-dev")
            #expect(try await gateway.post("/key/update", ["key": .string(lead.token), "key_alias": "x"], key: dev.secret).status == 403)
            #expect(try await gateway.get("/key/info?key=\(lead.token)", key: dev.secret).status == 403)

            try await gateway.createUser("u-admin", role: "proxy_admin")
            let admin = try await gateway.generate(["user_id": "u-admin"])
            #expect(try await gateway.post("/key/update", ["key": .string(dev.token), "key_alias": "y"], key: admin.secret).status == 200)
        }
    }

    @Test func aCachedKeyCostsNoStoreRead() async throws {
        try await KeyTestGateway.run(.sqlite, counting: true) { gateway in
            let key = try await gateway.generate()
            let path = try #require(gateway.sqlitePath)
            #expect(try await gateway.chat(key.secret).status == 200)
            let afterFirstUse = KeyCountingStore.keyLookups(path: path)
            for _ in 0..<5 { #expect(try await gateway.chat(key.secret).status == 200) }
            #expect(try await gateway.get("/v1/models", key: key.secret).status == 200)
            #expect(KeyCountingStore.keyLookups(path: path) == afterFirstUse)
            // A write drops the entry: the next use reads the store once, then the cache again.
            #expect(try await gateway.post("/key/update", ["key": .string(key.token), "key_alias": "z"]).status == 200)
            let afterWrite = KeyCountingStore.keyLookups(path: path)
            #expect(try await gateway.chat(key.secret).status == 200)
            #expect(try await gateway.chat(key.secret).status == 200)
            #expect(KeyCountingStore.keyLookups(path: path) == afterWrite + 1)
        }
    }
}
