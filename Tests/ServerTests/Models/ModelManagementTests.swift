import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// `/model/*` over HTTP on SQLite and Postgres: models added, changed and deleted at runtime route at once;
/// credentials are encrypted at rest and never shown; config.yaml's models are read-only; every write is audited.
@Suite struct ModelManagementTests {
    static let stores = IdentityFixture.Store.enabled

    @Test(arguments: stores)
    func addedModelRoutesAtOnceWithItsDecryptedCredential(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await ModelTestGateway.run(database) { gateway in
                #expect(try await gateway.chat("db-gpt").status == 404)
                let reply = try await gateway.post("/model/new", gateway.newModel("db-gpt", upstreamModel: "db-echo", apiKey: "sk-db-secret-1"))
                #expect(reply.status == 200, "\(reply.body)")
                #expect(reply.json?["litellm_params"]?["api_key"]?.stringValue == "********")
                #expect(!reply.body.contains("sk-db-secret-1"))

                let chat = try await gateway.chat("db-gpt")
                #expect(chat.status == 200, "\(chat.body)")
                let call = try #require(await gateway.recorder.last)
                #expect(call.model == "db-echo")
                #expect(call.headers["authorization"] == "Bearer sk-db-secret-1")

                let stored = try await database.storedModelsText()
                #expect(stored.contains("db-echo"))
                #expect(stored.contains("tollgate:aesgcm:v1:"))
                #expect(!stored.contains("sk-db-secret-1"))
            }
        }
    }

    @Test(arguments: stores)
    func modelInfoShowsConfigAndDatabaseModelsWithoutSecrets(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await ModelTestGateway.run(database) { gateway in
                let id = try await gateway.addModel("db-gpt", upstreamModel: "db-echo")
                let info = try await gateway.get("/model/info")
                #expect(info.status == 200, "\(info.body)")
                let data = info.json?["data"]?.arrayValue ?? []
                let added = try #require(data.first { $0["model_info"]?["id"]?.stringValue == id })
                #expect(added["model_info"]?["db_model"] == true)
                #expect(added["model_name"]?.stringValue == "db-gpt")
                let config = try #require(data.first { $0["model_name"]?.stringValue == "gpt-test" })
                #expect(config["model_info"]?["db_model"] == false)
                #expect(config["litellm_params"]?["api_key"]?.stringValue == "********")
                #expect(!info.body.contains("sk-db-secret-1"))
                #expect(!info.body.contains(GatewayFixture.upstreamKey))

                let one = try await gateway.get("/model/info?litellm_model_id=\(id)")
                #expect(one.json?["data"]?.arrayValue?.count == 1)
                #expect(try await gateway.get("/model/info?litellm_model_id=no-such-model").status == 404)
            }
        }
    }

    @Test(arguments: stores)
    func anAddedModelsAccessGroupsGrantAccessAtOnce(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await ModelTestGateway.run(database) { gateway in
                let key = try await gateway.generateKey(["models": ["runtime-group"]])
                #expect(try await gateway.chat("gpt-test", key: key).status == 403)
                let id = try await gateway.addModel("db-gpt", upstreamModel: "db-echo", info: ["access_groups": ["runtime-group"]])
                let allowed = try await gateway.chat("db-gpt", key: key)
                #expect(allowed.status == 200, "\(allowed.body)")
                #expect(try await gateway.get("/v1/models", key: key).body.contains("\"db-gpt\""))
                #expect(try await gateway.patch("/model/\(id)/update", ["model_info": ["access_groups": []]]).status == 200)
                #expect(try await gateway.chat("db-gpt", key: key).status == 403)
            }
        }
    }

    @Test(arguments: stores)
    func updateAndPatchChangeOnlyTheGivenFields(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await ModelTestGateway.run(database) { gateway in
                let id = try await gateway.addModel("db-gpt", upstreamModel: "db-echo", apiKey: "sk-db-secret-1", info: ["tier": "gold"])

                let update = try await gateway.post("/model/update", ["model_info": ["id": .string(id)], "litellm_params": ["rpm": 50]])
                #expect(update.status == 200, "\(update.body)")
                #expect(update.json?["litellm_params"]?["rpm"] == 50)
                #expect(update.json?["model_info"]?["tier"]?.stringValue == "gold")
                #expect(try await gateway.chat("db-gpt").status == 200)
                #expect(await gateway.recorder.last?.headers["authorization"] == "Bearer sk-db-secret-1")

                let patch = try await gateway.patch("/model/\(id)/update", ["model_name": "db-gpt-renamed"])
                #expect(patch.status == 200, "\(patch.body)")
                #expect(patch.json?["litellm_params"]?["rpm"] == 50)
                #expect(try await gateway.chat("db-gpt").status == 404)
                #expect(try await gateway.chat("db-gpt-renamed").status == 200)

                let newKey = try await gateway.patch("/model/\(id)/update", ["litellm_params": ["api_key": "sk-db-secret-2", "rpm": nil]])
                #expect(newKey.status == 200, "\(newKey.body)")
                #expect(newKey.json?["litellm_params"]?["rpm"] == nil)
                #expect(try await gateway.chat("db-gpt-renamed").status == 200)
                #expect(await gateway.recorder.last?.headers["authorization"] == "Bearer sk-db-secret-2")

                let changeID = try await gateway.patch("/model/\(id)/update", ["model_info": ["id": "other"]])
                #expect(changeID.status == 400)
                let stored = try await database.storedModelsText()
                #expect(!stored.contains("sk-db-secret-2"))
            }
        }
    }

    @Test(arguments: stores)
    func deleteStopsRoutingAndEveryWriteIsAudited(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await ModelTestGateway.run(database) { gateway in
                let id = try await gateway.addModel("db-gpt", upstreamModel: "db-echo", apiKey: "sk-db-secret-1")
                #expect(try await gateway.patch("/model/\(id)/update", ["litellm_params": ["api_key": "sk-db-secret-2"]]).status == 200)
                let delete = try await gateway.post("/model/delete", ["id": .string(id)])
                #expect(delete.status == 200, "\(delete.body)")
                let chat = try await gateway.chat("db-gpt")
                #expect(chat.status == 404)
                #expect(chat.json?["error"]?["code"]?.stringValue == "model_not_found")
                #expect(try await gateway.post("/model/delete", ["id": .string(id)]).status == 404)

                let rows = try await IdentityFixture.auditRows(gateway.endpoint, type: "model", id: id)
                #expect(rows.compactMap { $0["action"]?.stringValue } == ["deleted", "updated", "created"])
                let audit = try await database.modelAuditText()
                #expect(audit.contains(id))
                #expect(!audit.contains("sk-db-secret-1"))
                #expect(!audit.contains("sk-db-secret-2"))
            }
        }
    }

    @Test(arguments: stores)
    func configModelsAreReadOnlyAndUnknownIdsAreNotFound(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await ModelTestGateway.run(database) { gateway in
                let info = try await gateway.get("/model/info")
                let configID = try #require(
                    info.json?["data"]?.arrayValue?.first { $0["model_name"]?.stringValue == "gpt-test" }?["model_info"]?["id"]?.stringValue)
                let replies = [
                    try await gateway.post("/model/update", ["model_info": ["id": .string(configID)], "litellm_params": ["rpm": 1]]),
                    try await gateway.patch("/model/\(configID)/update", ["model_name": "x"]),
                    try await gateway.post("/model/delete", ["id": .string(configID)]),
                ]
                for reply in replies {
                    #expect(reply.status == 400, "\(reply.body)")
                    #expect(reply.json?["error"]?["code"]?.stringValue == "config_model_not_editable")
                    #expect(reply.json?["error"]?["message"]?.stringValue?.contains("config.yaml") == true)
                }
                let duplicate = try await gateway.post("/model/new", gateway.newModel("x", upstreamModel: "x", info: ["id": .string(configID)]))
                #expect(duplicate.status == 400)
                #expect(try await gateway.chat("gpt-test").status == 200)

                #expect(try await gateway.post("/model/update", ["model_info": ["id": "missing"], "model_name": "x"]).status == 404)
                #expect(try await gateway.patch("/model/missing/update", ["model_name": "x"]).status == 404)
                #expect(try await gateway.post("/model/delete", ["id": "missing"]).status == 404)
            }
        }
    }

    @Test(arguments: stores)
    func badInputIsAClearBadRequest(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await ModelTestGateway.run(database) { gateway in
                let cases: [(JSON, String?)] = [
                    (["litellm_params": ["model": "openai/x"]], "model_name"),
                    (["model_name": "x"], "litellm_params"),
                    (["model_name": "x", "litellm_params": ["api_base": "http://127.0.0.1:1"]], nil),
                    (["model_name": "x", "litellm_params": ["model": "nope/x"]], nil),
                    (["model_name": "x", "litellm_params": ["model": "openai/x"], "model_info": "not-an-object"], "model_info"),
                    (["model_name": "x", "litellm_params": ["model": "openai/x", "api_key": "os.environ/TOLLGATE_TEST_UNSET_VARIABLE"]], nil),
                    (["model_name": "x", "litellm_params": ["model": "openai/x"], "model_info": ["team_id": "no-such-team"]], "model_info.team_id"),
                ]
                for (body, param) in cases {
                    let reply = try await gateway.post("/model/new", body)
                    #expect(reply.status == 400, "\(body): \(reply.body)")
                    #expect(reply.json?["error"]?["type"]?.stringValue == "invalid_request_error", "\(reply.body)")
                    if let param { #expect(reply.json?["error"]?["param"]?.stringValue == param, "\(reply.body)") }
                }
                let id = try await gateway.addModel("db-gpt", upstreamModel: "db-echo")
                let again = try await gateway.post("/model/new", gateway.newModel("db-gpt", upstreamModel: "db-echo", info: ["id": .string(id)]))
                #expect(again.status == 400)
                #expect(again.json?["error"]?["code"]?.stringValue == "already_exists")
                #expect(try await gateway.post("/model/update", ["litellm_params": ["rpm": 1]]).status == 400)
                #expect(try await gateway.post("/model/delete", [:]).status == 400)
                #expect(try await gateway.patch("/model/\(id)/update", ["litellm_params": "x"]).status == 400)
                // The model still routes after every rejected write.
                #expect(try await gateway.chat("db-gpt").status == 200)
            }
        }
    }

    @Test(arguments: stores)
    func onlyAdminsWriteModels(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await ModelTestGateway.run(database) { gateway in
                let key = try #require(try await gateway.post("/key/generate", [:]).json?["key"]?.stringValue)
                let reply = try await gateway.post("/model/new", gateway.newModel("db-gpt", upstreamModel: "db-echo"), key: key)
                #expect(reply.status == 403, "\(reply.body)")
                #expect(try await gateway.chat("db-gpt").status == 404)
                #expect(try await gateway.post("/model/new", gateway.newModel("db-gpt", upstreamModel: "db-echo"), key: "sk-wrong").status == 401)
                let id = try await gateway.addModel("db-gpt", upstreamModel: "db-echo")
                #expect(try await gateway.post("/model/delete", ["id": .string(id)], key: key).status == 403)
                // Unknown and config ids answer 403 too: a caller who may write no model learns nothing about ids.
                #expect(try await gateway.post("/model/delete", ["id": "no-such-model"], key: key).status == 403)
                #expect(try await gateway.patch("/model/no-such-model/update", ["model_name": "x"], key: key).status == 403)
                #expect(try await gateway.chat("db-gpt").status == 200)
            }
        }
    }

    @Test(arguments: stores)
    func storedModelsSurviveARestartAndAnotherKeyCannotReadThem(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await TestUpstream.withRunning { upstream, recorder in
                try await ModelTestGateway.run(database, upstream: upstream, recorder: recorder) { gateway in
                    try await gateway.addModel("db-gpt", upstreamModel: "db-echo", apiKey: "sk-db-secret-1")
                }
                try await ModelTestGateway.run(database, upstream: upstream, recorder: recorder) { gateway in
                    let chat = try await gateway.chat("db-gpt")
                    #expect(chat.status == 200, "\(chat.body)")
                    #expect(await gateway.recorder.last?.headers["authorization"] == "Bearer sk-db-secret-1")
                }
                // Another encryption key cannot decrypt the credential: the model is left out, the gateway still serves.
                let otherKey = "another-encryption-key-that-is-long-enough-000"
                try await ModelTestGateway.run(database, upstream: upstream, recorder: recorder, encryptionKey: otherKey) { gateway in
                    let unreadable = try await gateway.chat("db-gpt")
                    let config = try await gateway.chat("gpt-test")
                    #expect(unreadable.status == 404)
                    #expect(config.status == 200)
                }
            }
        }
    }

    @Test func startupStopsWithoutAnEncryptionKey() async throws {
        try await ModelDatabase.with(.sqlite) { database in
            await #expect {
                try await ModelTestGateway.run(database, encryptionKey: nil) { _ in }
            } throws: { error in
                "\(error)".contains("TOLLGATE_ENCRYPTION_KEY")
            }
            await #expect {
                try await ModelTestGateway.run(database, encryptionKey: "too-short") { _ in }
            } throws: { error in
                "\(error)".contains("at least 32 characters")
            }
        }
    }
}
