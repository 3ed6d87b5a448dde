import GatewayCore
import GatewayTesting
import Testing

/// `/key/*` through HTTP on both stores: each endpoint's happy path and its 4xx cases, audit rows, and the plain
/// key shown exactly once.
struct KeyEndpointTests {
    @Test(arguments: KeyBackend.available)
    func generateShowsTheKeyOnceAndTheKeyCallsModels(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            let reply = try await gateway.post(
                "/key/generate",
                [
                    "models": ["gpt-test"], "key_alias": "ci", "duration": "30d", "max_budget": 10, "soft_budget": 5, "budget_duration": "1d",
                    "tpm_limit": 1000, "rpm_limit": 10, "max_parallel_requests": 2, "aliases": ["fast": "gpt-test"],
                    "allowed_routes": ["llm_api_routes"], "guardrails": ["pii"], "metadata": ["allowed_tools": ["search"], "team": "x"],
                ])
            #expect(reply.status == 200)
            let json = try #require(reply.json)
            let secret = try #require(json["key"]?.stringValue)
            #expect(secret.hasPrefix("sk-") && secret.count >= 46)
            #expect(json["token"]?.stringValue == Secrets.sha256Hex(secret))
            #expect(json["key_name"]?.stringValue == "sk-..." + secret.suffix(4))
            #expect(json["key_alias"] == "ci" && json["max_budget"]?.doubleValue == 10 && json["rpm_limit"] == 10 && json["budget_duration"] == "1d")
            #expect(json["metadata"]?["allowed_tools"] == ["search"] && json["aliases"]?["fast"] == "gpt-test")
            #expect(json["expires"]?.stringValue != nil && json["blocked"] == false)

            #expect(try await gateway.chat(secret).status == 200)
            let info = try await gateway.get("/key/info?key=\(secret)")
            #expect(info.status == 200 && info.json?["info"]?["key_alias"] == "ci")
            let list = try await gateway.get("/key/list?return_full_object=true")
            #expect(list.status == 200 && list.json?["keys"]?.arrayValue?.count == 1)
            for body in [info.body, list.body] { #expect(!body.contains(secret)) }

            let audit = try await gateway.keyAuditRows(objectID: Secrets.sha256Hex(secret))
            #expect(audit.map(\.action) == ["created"])
            #expect(audit.allSatisfy { !$0.text.contains(secret) })
        }
    }

    /// As LiteLLM: a `user_id` that does not exist yet is created with the key, and the answer carries `token_id`.
    @Test(arguments: KeyBackend.available)
    func generateCreatesAnUnknownUser(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            let reply = try await gateway.post("/key/generate", ["user_id": "first-seen"])
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.json?["token_id"] != nil && reply.json?["token_id"] == reply.json?["token"])
            let user = try await gateway.get("/user/info?user_id=first-seen")
            #expect(user.status == 200, "\(user.body)")
            #expect(user.json?["user_info"]?["user_role"] == "internal_user")
            // A second key for the same user leaves the user as it is.
            #expect(try await gateway.post("/key/generate", ["user_id": "first-seen"]).status == 200)
        }
    }

    @Test(arguments: KeyBackend.available)
    func generateRejectsBadInput(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            let cases: [(JSON, String)] = [
                (["team_id": "no-such-team"], "team_id"),
                (["access_group_ids": ["no-such-group"]], "access_group_ids"), (["duration": "soon"], "duration"),
                (["models": "gpt-test"], "models"), (["max_budget": -1], "max_budget"),
                (["metadata": ["allowed_tools": "search"]], "metadata.allowed_tools"), (["project_id": "nope"], "project_id"),
            ]
            for (body, param) in cases {
                let reply = try await gateway.post("/key/generate", body)
                #expect(reply.status == 400, "\(body)")
                #expect(reply.error?["param"]?.stringValue == param, "\(reply.body)")
            }
            #expect(try await gateway.get("/key/list").json?["keys"] == [])
            // A key with no user may not create keys; no credential at all is a 401.
            let plain = try await gateway.generate(["models": ["gpt-test"]])
            #expect(try await gateway.post("/key/generate", [:], key: plain.secret).status == 403)
            #expect(try await gateway.endpoint.post("/key/generate", json: [:]).status == 401)
        }
    }

    @Test(arguments: KeyBackend.available)
    func updateChangesOnlyTheGivenFields(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            let key = try await gateway.generate(["models": ["gpt-test"], "key_alias": "old", "max_budget": 3, "tpm_limit": 7])
            let reply = try await gateway.post("/key/update", ["key": .string(key.secret), "key_alias": "new", "max_budget": nil])
            #expect(reply.status == 200)
            let info = try #require(try await gateway.get("/key/info?key=\(key.token)").json?["info"])
            #expect(info["key_alias"] == "new" && info["max_budget"] == .null && info["tpm_limit"] == 7 && info["models"] == ["gpt-test"])
            // Narrowing the models takes effect at once, through the auth cache.
            #expect(try await gateway.post("/key/update", ["token": .string(key.token), "models": ["claude-test"]]).status == 200)
            #expect(try await gateway.chat(key.secret).status == 403)

            #expect(try await gateway.post("/key/update", ["key": "sk-unknown"]).status == 404)
            #expect(try await gateway.post("/key/update", ["key_alias": "x"]).status == 400)
            #expect(try await gateway.post("/key/update", ["key": .string(key.token), "team_id": "nope"]).status == 400)
            let audit = try await gateway.keyAuditRows(objectID: key.token)
            #expect(audit.map(\.action) == ["created", "updated", "updated"])
            #expect(audit.allSatisfy { !$0.text.contains(key.secret) })
        }
    }

    @Test(arguments: KeyBackend.available)
    func blockUnblockDeleteAndRegenerate(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            let key = try await gateway.generate(["key_alias": "keep-me"])
            #expect(try await gateway.chat(key.secret).status == 200)  // now cached

            #expect(try await gateway.post("/key/block", ["key": .string(key.secret)]).json?["blocked"] == true)
            let blocked = try await gateway.chat(key.secret)
            #expect(blocked.status == 401 && blocked.error?["code"] == "key_blocked")
            #expect(try await gateway.post("/key/unblock", ["key": .string(key.token)]).status == 200)
            #expect(try await gateway.chat(key.secret).status == 200)
            #expect(try await gateway.post("/key/block", ["key": "sk-nope"]).status == 404)

            let regenerated = try await gateway.post("/key/regenerate", ["key": .string(key.secret)])
            #expect(regenerated.status == 200 && regenerated.json?["key_alias"] == "keep-me")
            let newSecret = try #require(regenerated.json?["key"]?.stringValue)
            #expect(newSecret != key.secret)
            #expect(try await gateway.chat(key.secret).status == 401)
            #expect(try await gateway.chat(newSecret).status == 200)

            let other = try await gateway.generate()
            #expect(try await gateway.post("/key/delete", ["keys": [.string(other.secret), "sk-unknown"]]).status == 404)
            #expect(try await gateway.chat(other.secret).status == 200)  // a bad entry deletes nothing
            #expect(try await gateway.post("/key/delete", [:]).status == 400)
            let deleted = try await gateway.post("/key/delete", ["keys": [.string(other.secret), .string(Secrets.sha256Hex(newSecret))]])
            #expect(deleted.status == 200 && deleted.json?["deleted_keys"]?.arrayValue?.count == 2)
            #expect(try await gateway.chat(other.secret).status == 401)
            #expect(try await gateway.chat(newSecret).status == 401)

            let audit = try await gateway.keyAuditRows()
            #expect(audit.map(\.action) == ["created", "updated", "updated", "updated", "created", "deleted", "deleted"])
            for secret in [key.secret, newSecret, other.secret] { #expect(audit.allSatisfy { !$0.text.contains(secret) }) }
        }
    }

    @Test(arguments: KeyBackend.available)
    func infoAndListAccess(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            try await gateway.createTeam("t-list")
            let mine = try await gateway.generate(["team_id": "t-list"])
            let other = try await gateway.generate()
            let own = try await gateway.get("/key/info", key: mine.secret)
            #expect(own.status == 200 && own.json?["key"]?.stringValue == mine.token)
            #expect(try await gateway.get("/key/info?key=\(mine.token)", key: mine.secret).status == 200)
            #expect(try await gateway.get("/key/info?key=\(other.token)", key: mine.secret).status == 403)
            #expect(try await gateway.get("/key/info?key=sk-unknown").status == 404)

            let byTeam = try await gateway.get("/key/list?team_id=t-list")
            #expect(byTeam.json?["keys"] == [.string(mine.token)])
            #expect(try await gateway.get("/key/list").json?["keys"]?.arrayValue?.count == 2)
            #expect(try await gateway.get("/key/list", key: mine.secret).status == 403)
            #expect(try await gateway.get("/key/list?key_alias=nobody").json?["keys"] == [])
        }
    }

    /// An internal user's key lists that user's keys only (LiteLLM's rule); a search by alias is an exact match.
    @Test(arguments: KeyBackend.available)
    func userListsOwnKeys(_ backend: KeyBackend) async throws {
        try await KeyTestGateway.run(backend) { gateway in
            let first = try await gateway.generate(["user_id": "u-own", "key_alias": "own-one"])
            let second = try await gateway.generate(["user_id": "u-own"])
            let stranger = try await gateway.generate(["user_id": "u-else"])
            let own = try await gateway.get("/key/list", key: first.secret)
            #expect(Set(own.json?["keys"]?.arrayValue ?? []) == [.string(first.token), .string(second.token)])
            #expect(try await gateway.get("/key/list?user_id=u-else", key: first.secret).status == 403)
            #expect(try await gateway.get("/key/list?key_alias=own-one").json?["keys"] == [.string(first.token)])
            #expect(try await gateway.get("/key/list?key_alias=own-one", key: stranger.secret).json?["keys"] == [])
        }
    }
}
