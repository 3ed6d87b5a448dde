import GatewayCore
import GatewayTesting
import Testing

extension IdentityRoutesTests {
    /// `/v1/models?only_model_access_groups=true`: the access groups (config and database) the caller can use,
    /// instead of models, in the model list's shape.
    struct AccessGroupModelListTests {
        let admin = IdentityFixture.admin

        /// The ids `/v1/models` lists for `key` with `query`.
        static func ids(_ gateway: TestEndpoint, key: String, query: String = "?only_model_access_groups=true") async throws -> [String] {
            let reply = try await gateway.get("/v1/models" + query, key: key)
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.json?["object"] == "list")
            let data = reply.json?["data"]?.arrayValue ?? []
            #expect(data.allSatisfy { $0["object"] == "model" })
            return data.compactMap { $0["id"]?.stringValue }
        }

        @Test(arguments: IdentityFixture.Store.enabled)
        func listsTheGroupsTheCallerCanUse(store: IdentityFixture.Store) async throws {
            try await IdentityFixture.withGateway(store) { gateway in
                // `beta` (config: fake-b) and `inner` (database: fake-a).
                let created = try await gateway.post("/access_group/new", json: ["access_group": "inner", "model_names": ["fake-a"]], key: admin)
                #expect(created.status == 200, "\(created.body)")
                func key(_ models: [String]) async throws -> String {
                    let reply = try await gateway.post("/key/generate", json: ["models": .array(models.map(JSON.string))], key: admin)
                    return try #require(reply.json?["key"]?.stringValue, "\(reply.body)")
                }

                #expect(try await Self.ids(gateway, key: admin) == ["beta", "inner"], "an admin can use every group")
                #expect(try await Self.ids(gateway, key: admin, query: "?only_model_access_groups=True") == ["beta", "inner"])
                #expect(try await Self.ids(gateway, key: try await key([])) == ["beta", "inner"], "an unrestricted key too")
                let betaOnly = try await key(["beta"])
                #expect(try await Self.ids(gateway, key: betaOnly) == ["beta"])
                #expect(try await Self.ids(gateway, key: betaOnly, query: "") == ["fake-b"], "without the flag: models")
                #expect(try await Self.ids(gateway, key: betaOnly, query: "?only_model_access_groups=false") == ["fake-b"])
                #expect(try await Self.ids(gateway, key: try await key(["inner", "beta"])) == ["beta", "inner"])
                // Granted by model name rather than by group: the group is usable all the same.
                #expect(try await Self.ids(gateway, key: try await key(["fake-a"])) == ["inner"])

                // A group that grows past what the key may use is no longer listed for it.
                let grown = try await gateway.post(
                    "/access_group/update", json: ["access_group_id": "inner", "access_model_names": ["fake-a", "fake-b"]], key: admin)
                #expect(grown.status == 200, "\(grown.body)")
                #expect(try await Self.ids(gateway, key: try await key(["fake-a"])) == [])

                let bad = try await gateway.get("/v1/models?only_model_access_groups=maybe", key: admin)
                #expect(bad.status == 400)
                #expect(bad.error?["param"] == "only_model_access_groups")
            }
        }

        /// Without a store (no `virtual-keys`), the config groups are listed.
        @Test func configGroupsWithoutAStore() async throws {
            try await TestGateway.withRunning(config: IdentityFixture.config, plugins: GatewayFixture.authOnly) {
                (gateway: TestEndpoint) async throws in
                #expect(try await Self.ids(gateway, key: admin) == ["beta"])
                #expect(try await Self.ids(gateway, key: admin, query: "") == ["fake-a", "fake-b"])
            }
        }
    }
}
