import GatewayCore
import GatewayTesting
import Testing

/// The seed's finding on renaming a team model: the old public name must stay while a sibling deployment still
/// uses it, and go only with the last one. Tollgate keeps no separate list of a team's model names (the catalog
/// derives them from the deployments), so this holds by construction; the test keeps it so.
@Suite struct TeamModelRenameTests {
    @Test(arguments: IdentityFixture.Store.enabled)
    func renamingOneSiblingKeepsTheOldNameForTheOtherUntilTheLastIsRenamed(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await ModelTestGateway.run(database) { gateway in
                try await gateway.createTeam("team-a")
                let key = try await gateway.generateKey(["team_id": "team-a"])
                let first = try await gateway.addModel("team-gpt", upstreamModel: "sibling-1", info: ["team_id": "team-a"])
                let second = try await gateway.addModel("team-gpt", upstreamModel: "sibling-2", info: ["team_id": "team-a"])

                let renamed = try await gateway.patch("/model/\(first)/update", ["model_name": "team-gpt-v2"])
                #expect(renamed.status == 200, "\(renamed.body)")
                for _ in 0..<5 {
                    #expect(try await gateway.chat("team-gpt", key: key).status == 200)
                    #expect(try await gateway.chat("team-gpt-v2", key: key).status == 200)
                }
                let calls = await gateway.upstreamCalls()
                #expect(calls["sibling-2"] == 5, "the old name now reaches only the sibling that kept it: \(calls)")
                #expect(calls["sibling-1"] == 5, "the new name reaches the renamed deployment: \(calls)")
                let models = try await gateway.get("/v1/models", key: key)
                #expect(models.body.contains("\"team-gpt\"") && models.body.contains("\"team-gpt-v2\""), "\(models.body)")
                let info = try await gateway.get("/model/info", key: key)
                let renamedInfo = info.json?["data"]?.arrayValue?.first { $0["model_info"]?["id"]?.stringValue == first }
                #expect(renamedInfo?["model_info"]?["team_public_model_name"]?.stringValue == "team-gpt-v2")

                #expect(try await gateway.patch("/model/\(second)/update", ["model_name": "team-gpt-v2"]).status == 200)
                let gone = try await gateway.chat("team-gpt", key: key)
                #expect(gone.status == 404, "no sibling uses the old name any more: \(gone.body)")
                let after = try await gateway.get("/v1/models", key: key)
                #expect(!after.body.contains("\"team-gpt\""), "\(after.body)")
                #expect(try await gateway.chat("team-gpt-v2", key: key).status == 200)
            }
        }
    }
}
