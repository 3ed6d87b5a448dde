import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

extension IdentityRoutesTests {
    /// `/access_group/*` through HTTP on both stores: nesting, cycles and unknown members refused, audit rows.
    struct AccessGroupRoutesTests {
        let admin = IdentityFixture.admin

        @Test(arguments: IdentityFixture.Store.enabled)
        func nestedGroupsResolveAndCyclesAreRefused(store: IdentityFixture.Store) async throws {
            try await IdentityFixture.withGateway(store) { gateway in
                let inner = try await gateway.post(
                    "/access_group/new", json: ["access_group_id": "inner", "access_model_names": ["fake-a"]], key: admin)
                #expect(inner.status == 200, "\(inner.body)")
                // `beta` is a config group (model_info.access_groups); groups nest.
                let outer = try await gateway.post(
                    "/access_group/new", json: ["access_group_id": "outer", "access_model_names": ["inner", "beta"], "description": "all"], key: admin
                )
                #expect(outer.status == 200, "\(outer.body)")
                let info = try await gateway.get("/access_group/info?access_group_id=outer", key: IdentityFixture.viewer)
                #expect(info.json?["resolved_models"] == ["fake-a", "fake-b"])
                #expect(info.json?["description"] == "all")

                // inner → outer would close the loop outer → inner → outer.
                let cycle = try await gateway.post(
                    "/access_group/update", json: ["access_group_id": "inner", "access_model_names": ["outer"]], key: admin)
                #expect(cycle.status == 400)
                #expect(cycle.error?["code"] == "access_group_cycle")
                #expect(cycle.error?["message"]?.stringValue?.contains("inner → outer → inner") == true, "\(cycle.body)")
                let selfLoop = try await gateway.post(
                    "/access_group/new", json: ["access_group_id": "loop", "access_model_names": ["loop"]], key: admin)
                #expect(selfLoop.status == 400)

                let unknown = try await gateway.post(
                    "/access_group/new", json: ["access_group_id": "g", "access_model_names": ["fake-a", "gpt-9"]], key: admin)
                #expect(unknown.status == 400)
                #expect(unknown.error?["message"]?.stringValue?.contains("gpt-9") == true)
                #expect(unknown.error?["param"] == "access_model_names")
                #expect(
                    try await gateway.post("/access_group/new", json: ["access_group_id": "fake-a"], key: admin).error?["param"] == "access_group")
                #expect(
                    try await gateway.post("/access_group/new", json: ["access_model_names": ["fake-a"]], key: admin).error?["param"]
                        == "access_group")
                #expect(
                    try await gateway.post("/access_group/new", json: ["access_group_id": "inner"], key: admin).error?["code"] == "already_exists")
                #expect(
                    try await gateway.post("/access_group/new", json: ["access_group_id": "x", "access_model_names": "fake-a"], key: admin).status
                        == 400)
                #expect(try await gateway.post("/access_group/new", json: ["access_group_id": "x"], key: IdentityFixture.viewer).status == 403)

                // Deleting a group removes it from the groups that list it.
                let deleted = try await gateway.post("/access_group/delete", json: ["access_group_id": "inner"], key: admin)
                #expect(deleted.json?["removed_from"] == ["outer"])
                #expect(try await gateway.get("/access_group/info?access_group_id=outer", key: admin).json?["access_model_names"] == ["beta"])
                #expect(try await gateway.post("/access_group/delete", json: ["access_group_id": "inner"], key: admin).status == 404)
                // `outer` and config's `beta`.
                let listed = try await gateway.get("/access_group/list", key: admin).json?["access_groups"]?.arrayValue ?? []
                #expect(listed.compactMap { $0["access_group"]?.stringValue } == ["beta", "outer"])

                let rows = try await IdentityFixture.auditRows(gateway, type: "access_group", id: "outer")
                #expect(rows.map { $0["action"] } == ["updated", "created"])
            }
        }

        @Test(arguments: IdentityFixture.Store.enabled)
        func updateChangesOnlyGivenFields(store: IdentityFixture.Store) async throws {
            try await IdentityFixture.withGateway(store) { gateway in
                _ = try await gateway.post(
                    "/access_group/new", json: ["access_group_id": "g", "access_model_names": ["fake-a"], "description": "d"], key: admin)
                let updated = try await gateway.post(
                    "/access_group/update", json: ["access_group_id": "g", "access_model_names": ["fake-b", "fake-b"]], key: admin)
                #expect(updated.json?["access_model_names"] == ["fake-b"])
                #expect(updated.json?["description"] == "d")
                #expect(try await gateway.post("/access_group/update", json: ["access_group_id": "nope"], key: admin).status == 404)
            }
        }

        /// LiteLLM's routes and shapes: `{access_group, model_names, model_ids}` in, `models_updated` and
        /// `deployment_count` out, the group in the path for info, update and delete.
        @Test(arguments: IdentityFixture.Store.enabled)
        func liteLLMRoutesAndShapes(store: IdentityFixture.Store) async throws {
            try await IdentityFixture.withGateway(store) { gateway in
                let created = try await gateway.post(
                    "/access_group/new", json: ["access_group": "production-models", "model_names": ["fake-a"]], key: admin)
                #expect(created.status == 200, "\(created.body)")
                #expect(created.json?["access_group"] == "production-models")
                #expect(created.json?["model_names"] == ["fake-a"])
                #expect(created.json?["models_updated"] == 1)

                let info = try await gateway.get("/access_group/production-models/info", key: IdentityFixture.viewer)
                #expect(info.json?["access_group"] == "production-models", "\(info.body)")
                #expect(info.json?["model_names"] == ["fake-a"])
                #expect(info.json?["deployment_count"] == 1)

                // model_ids name deployments; their model names join the group. Update replaces the members.
                let fakeB = "fake-b-deployment"
                let updated = try await gateway.request(
                    .PUT, "/access_group/production-models/update", body: #"{"model_ids": ["\#(fakeB)"]}"#,
                    headers: ["authorization": "Bearer \(admin)"])
                #expect(updated.status == 200, "\(updated.body)")
                #expect(updated.json?["model_names"] == ["fake-b"])
                #expect(updated.json?["model_ids"] == [.string(fakeB)])
                let unknownID = try await gateway.request(
                    .PUT, "/access_group/production-models/update", body: #"{"model_ids": ["no-such-id"]}"#,
                    headers: ["authorization": "Bearer \(admin)"])
                #expect(unknownID.status == 400)
                #expect(unknownID.error?["param"] == "model_ids")

                // A key granted the group reaches its models.
                let key = try #require(
                    try await gateway.post("/key/generate", json: ["models": ["production-models"]], key: admin).json?["key"]?.stringValue)
                let chat: JSON = ["model": "fake-b", "messages": [["role": "user", "content": "hi"]]]
                #expect(try await gateway.post("/v1/chat/completions", json: chat, key: key).status == 200)

                let deleted = try await gateway.request(
                    .DELETE, "/access_group/production-models/delete", body: "", headers: ["authorization": "Bearer \(admin)"])
                #expect(deleted.status == 200, "\(deleted.body)")
                #expect(deleted.json?["access_group"] == "production-models")
                #expect(deleted.json?["models_updated"] == 1)
                #expect(try await gateway.get("/access_group/production-models/info", key: admin).status == 404)
            }
        }
    }
}
