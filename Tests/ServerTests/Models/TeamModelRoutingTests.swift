import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// Team models (`/model/new` with `model_info.team_id`) over HTTP on both stores: the seeds' regressions. Sibling
/// deployments of one public name all receive traffic; a team's public name never reaches another team.
@Suite struct TeamModelRoutingTests {
    static let stores = IdentityFixture.Store.enabled

    @Test(arguments: stores)
    func siblingDeploymentsOfATeamModelBothReceiveTraffic(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await ModelTestGateway.run(database) { gateway in
                try await gateway.createTeam("team-a")
                let key = try await gateway.generateKey(["team_id": "team-a"])
                try await gateway.addModel("team-gpt", upstreamModel: "sibling-1", info: ["team_id": "team-a"])
                try await gateway.addModel("team-gpt", upstreamModel: "sibling-2", info: ["team_id": "team-a"])
                for _ in 0..<40 {
                    let reply = try await gateway.chat("team-gpt", key: key)
                    #expect(reply.status == 200, "\(reply.body)")
                }
                let calls = await gateway.upstreamCalls()
                #expect(calls["sibling-1", default: 0] > 0, "\(calls)")
                #expect(calls["sibling-2", default: 0] > 0, "\(calls)")
                #expect(calls["sibling-1", default: 0] + calls["sibling-2", default: 0] == 40)

                let info = try await gateway.get("/model/info", key: key)
                let teamModels = info.json?["data"]?.arrayValue?.filter { $0["model_name"]?.stringValue == "team-gpt" } ?? []
                #expect(teamModels.count == 2)
                #expect(teamModels.allSatisfy { $0["model_info"]?["team_public_model_name"]?.stringValue == "team-gpt" })
                #expect(teamModels.allSatisfy { $0["model_info"]?["team_id"]?.stringValue == "team-a" })
            }
        }
    }

    @Test(arguments: stores)
    func aTeamsPublicNameIsNotCallableByAnotherTeam(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await ModelTestGateway.run(database) { gateway in
                try await gateway.createTeam("team-a")
                try await gateway.createTeam("team-b")
                let keyA = try await gateway.generateKey(["team_id": "team-a"])
                let keyB = try await gateway.generateKey(["team_id": "team-b"])
                let personal = try await gateway.generateKey([:])
                try await gateway.addModel("team-gpt", upstreamModel: "a-only", info: ["team_id": "team-a"])

                #expect(try await gateway.chat("team-gpt", key: keyA).status == 200)
                for caller in [keyB, personal, ModelTestGateway.master] {
                    let reply = try await gateway.chat("team-gpt", key: caller)
                    #expect(reply.status == 404, "\(reply.body)")
                    #expect(reply.json?["error"]?["code"]?.stringValue == "model_not_found")
                }
                #expect(await gateway.upstreamCalls()["a-only"] == 1)

                let listA = try await gateway.get("/v1/models", key: keyA)
                let listB = try await gateway.get("/v1/models", key: keyB)
                #expect(listA.body.contains("\"team-gpt\""))
                #expect(!listB.body.contains("team-gpt"))
                #expect(listB.body.contains("\"gpt-test\""))
                let infoB = try await gateway.get("/model/info", key: keyB)
                #expect(infoB.status == 200)
                #expect(!infoB.body.contains("team-gpt"))
                #expect(!infoB.body.contains("a-only"))

                // Team B's own model of the same name is B's alone: neither team reaches the other's deployment.
                try await gateway.addModel("team-gpt", upstreamModel: "b-only", info: ["team_id": "team-b"])
                for _ in 0..<5 {
                    #expect(try await gateway.chat("team-gpt", key: keyA).status == 200)
                    #expect(try await gateway.chat("team-gpt", key: keyB).status == 200)
                }
                let calls = await gateway.upstreamCalls()
                #expect(calls["a-only"] == 6)
                #expect(calls["b-only"] == 5)
            }
        }
    }

    @Test(arguments: stores)
    func aTeamModelPassesTheTeamListButNotARestrictedKey(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await ModelTestGateway.run(database) { gateway in
                try await gateway.createTeam("team-a", models: ["gpt-test"])
                let open = try await gateway.generateKey(["team_id": "team-a"])
                let restricted = try await gateway.generateKey(["team_id": "team-a", "models": ["gpt-test"]])
                try await gateway.addModel("team-gpt", upstreamModel: "a-only", info: ["team_id": "team-a"])
                #expect(try await gateway.chat("team-gpt", key: open).status == 200)
                #expect(try await gateway.chat("gpt-test", key: open).status == 200)
                #expect(try await gateway.chat("claude-test", key: open).status == 403)
                let denied = try await gateway.chat("team-gpt", key: restricted)
                #expect(denied.status == 403, "\(denied.body)")
                #expect(denied.json?["error"]?["type"]?.stringValue == "key_model_access_denied")
            }
        }
    }

    @Test(arguments: stores)
    func aTeamModelShadowsTheSharedModelOfTheSameNameForThatTeamOnly(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await ModelTestGateway.run(database) { gateway in
                try await gateway.createTeam("team-a")
                let keyA = try await gateway.generateKey(["team_id": "team-a"])
                try await gateway.addModel("gpt-test", upstreamModel: "team-a-gpt", info: ["team_id": "team-a"])
                #expect(try await gateway.chat("gpt-test", key: keyA).status == 200)
                #expect(await gateway.recorder.last?.model == "team-a-gpt")
                #expect(try await gateway.chat("gpt-test").status == 200)
                #expect(await gateway.recorder.last?.model == "echo")
            }
        }
    }

    @Test(arguments: stores)
    func teamAdminsManageTheirOwnTeamsModelsOnly(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await ModelTestGateway.run(database) { gateway in
                #expect(try await gateway.post("/user/new", ["user_id": "alice"]).status == 200)
                try await gateway.createTeam("team-a", admins: ["alice"])
                try await gateway.createTeam("team-b")
                let alice = try await gateway.generateKey(["user_id": "alice", "team_id": "team-a"])

                let own = try await gateway.post("/model/new", gateway.newModel("a-gpt", upstreamModel: "a", info: ["team_id": "team-a"]), key: alice)
                #expect(own.status == 200, "\(own.body)")
                let id = try #require(own.json?["model_info"]?["id"]?.stringValue)
                let other = try await gateway.post(
                    "/model/new", gateway.newModel("b-gpt", upstreamModel: "b", info: ["team_id": "team-b"]), key: alice)
                #expect(other.status == 403, "\(other.body)")
                let shared = try await gateway.post("/model/new", gateway.newModel("shared", upstreamModel: "s"), key: alice)
                #expect(shared.status == 403, "\(shared.body)")
                let move = try await gateway.patch("/model/\(id)/update", ["model_info": ["team_id": "team-b"]], key: alice)
                #expect(move.status == 403, "\(move.body)")
                #expect(try await gateway.patch("/model/\(id)/update", ["litellm_params": ["rpm": 10]], key: alice).status == 200)
                #expect(try await gateway.post("/model/delete", ["id": .string(id)], key: alice).status == 200)
            }
        }
    }
}
