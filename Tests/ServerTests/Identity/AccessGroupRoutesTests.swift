import GatewayCore
import GatewayTesting
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
                    try await gateway.post("/access_group/new", json: ["access_group_id": "fake-a"], key: admin).error?["param"] == "access_group_id")
                #expect(
                    try await gateway.post("/access_group/new", json: ["access_model_names": ["fake-a"]], key: admin).error?["param"]
                        == "access_group_id")
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
                #expect(try await gateway.get("/access_group/list", key: admin).json?.arrayValue?.count == 1)

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
    }
}
