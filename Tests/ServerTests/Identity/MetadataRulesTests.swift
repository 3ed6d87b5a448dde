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
}
