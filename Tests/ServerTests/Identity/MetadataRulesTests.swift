import GatewayCore
import GatewayTesting
import Testing

/// Metadata lists other plugins read (allowed tools, guardrails, tags) are checked when keys and teams are
/// written, so a typo is a 400 instead of a restriction that silently does not apply.
struct MetadataRulesTests {
    @Test func mistypedMetadataListsAreRejectedOnKeysAndTeams() async throws {
        try await KeyTestGateway.run(.sqlite) { gateway in
            let badKey = try await gateway.post("/key/generate", ["metadata": ["allowed_tools": "get_weather"]])
            #expect(badKey.status == 400)
            #expect(badKey.error?["param"] == "metadata.allowed_tools")
            #expect(try await gateway.post("/key/generate", ["metadata": ["tags": [1, 2]]]).status == 400)

            let badTeam = try await gateway.post("/team/new", ["team_id": "t", "metadata": ["guardrails": "no-pii"]])
            #expect(badTeam.status == 400)
            #expect(badTeam.error?["param"] == "metadata.guardrails")
            try await gateway.createTeam("t")
            let badUpdate = try await gateway.post("/team/update", ["team_id": "t", "metadata": ["allowed_tools": ["a", 3]]])
            #expect(badUpdate.status == 400, "\(badUpdate.body)")

            #expect(try await gateway.post("/key/generate", ["metadata": ["allowed_tools": ["get_weather"], "tags": ["a"]]]).status == 200)
            #expect(try await gateway.post("/team/update", ["team_id": "t", "metadata": ["allowed_tools": ["get_weather"]]]).status == 200)
        }
    }

    /// A team admin may manage their team and its keys, and a user their personal keys, but not lift an admin's
    /// tool or MCP restriction or switch guardrails off: those metadata fields are a proxy admin's to set.
    @Test func loosenableFieldsAreAProxyAdminsToSet() async throws {
        try await KeyTestGateway.run(.sqlite) { gateway in
            try await gateway.createUser("u-lead")
            try await gateway.createTeam("t-mine", admins: ["u-lead"], metadata: ["allowed_tools": ["search"]])
            let lead = try await gateway.generate(["user_id": "u-lead"]).secret
            let teamKey = try await gateway.generate(["team_id": "t-mine", "metadata": ["allowed_tools": ["search"]]])

            for (path, body) in [
                ("/team/update", ["team_id": "t-mine", "metadata": ["allowed_tools": ["search", "shell"]]] as JSON),
                ("/team/update", ["team_id": "t-mine", "object_permission": ["mcp_servers": ["everything"]]]),
                ("/key/update", ["key": .string(teamKey.token), "metadata": [:]]),
                ("/key/update", ["key": .string(teamKey.token), "metadata": ["allowed_tools": ["search"], "disable_guardrails": ["pii"]]]),
                ("/key/generate", ["team_id": "t-mine", "metadata": ["allowed_tools": ["shell"]]]),
                ("/key/generate", ["team_id": "t-mine", "object_permission": ["mcp_servers": ["everything"]]]),
            ] {
                let reply = try await gateway.post(path, body, key: lead)
                #expect(reply.status == 403, "\(path) \(body): \(reply.body)")
                #expect(reply.error?["code"] == "admin_only_field")
            }
            // Other fields and other metadata stay theirs to change.
            let alias = try await gateway.post(
                "/key/update", ["key": .string(teamKey.token), "key_alias": "mine", "metadata": ["allowed_tools": ["search"], "owner": "ops"]],
                key: lead)
            #expect(alias.status == 200, "\(alias.body)")
            #expect(try await gateway.post("/team/update", ["team_id": "t-mine", "team_alias": "Mine"], key: lead).status == 200)
        }
    }

    /// LiteLLM's top-level `object_permission` is kept in `metadata.object_permission` (where the MCP gateway reads
    /// it) beside the other metadata, and checked there.
    @Test func topLevelObjectPermissionLandsInMetadata() async throws {
        try await KeyTestGateway.run(.sqlite) { gateway in
            let permission: JSON = ["mcp_servers": ["weather"], "mcp_tool_permissions": ["weather": ["forecast"]]]
            let key = try await gateway.post("/key/generate", ["object_permission": permission, "metadata": ["owner": "ops"]])
            #expect(key.status == 200, "\(key.body)")
            let token = try #require(key.json?["token"]?.stringValue)
            let stored = try await gateway.get("/key/info?key=\(token)").json?["info"]?["metadata"]
            #expect(stored == ["owner": "ops", "object_permission": permission])

            let cleared = try await gateway.post("/key/update", ["key": .string(token), "object_permission": nil])
            #expect(cleared.status == 200)
            #expect(cleared.json?["metadata"] == ["owner": "ops"], "\(cleared.body)")
            #expect(try await gateway.get("/key/info?key=\(token)").json?["info"]?["metadata"] == ["owner": "ops"])

            try await gateway.createTeam("t", metadata: ["owner": "ops"])
            #expect(try await gateway.post("/team/update", ["team_id": "t", "object_permission": permission]).status == 200)
            let team = try await gateway.get("/team/info?team_id=t").json?["team_info"]?["metadata"]
            #expect(team == ["owner": "ops", "object_permission": permission])
            let bad = try await gateway.post("/team/update", ["team_id": "t", "object_permission": ["mcp_servers": "weather"]])
            #expect(bad.status == 400)
            #expect(bad.error?["param"] == "metadata.object_permission.mcp_servers")
        }
    }
}
