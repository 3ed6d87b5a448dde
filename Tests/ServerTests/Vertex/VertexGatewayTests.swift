import Foundation
import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// `vertex_ai/<model>` through a running gateway: what the client sees when the service account is refused, the
/// project does not exist, or the key file is malformed (startup stops); and deployments added through `/model/new` with their
/// `vertex_credentials` (a path, the key file's JSON text, or the object) encrypted at rest and masked.
struct VertexGatewayTests {
    let key = GatewayFixture.masterKey

    /// config.yaml with `entries` and the master key.
    static func config(_ entries: [String]) -> String {
        "model_list:\n" + entries.joined(separator: "\n") + "\ngeneral_settings:\n  master_key: \(GatewayFixture.masterKey)\n"
    }

    @Test func refusalsAreClearErrorsWithoutSecrets() async throws {
        try await VertexTestBed.withRunning { fixture in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            // A key the token endpoint does not know (deleted in the console).
            let deleted = try TestServiceAccount(tokenURI: fixture.oauth.tokenURL, name: "deleted")
            let deletedFile = try deleted.write(into: directory.path, name: "deleted.json")
            func entry(_ name: String, credentials: String, project: String = VertexTestBed.project) -> String {
                fixture.entry(name, "claude-sonnet-4-5@20250929", project: project, credentials: credentials)
            }
            let config = Self.config([
                entry("deleted", credentials: deletedFile),
                entry("wrong-project", credentials: fixture.keyFile, project: "no-such-project"), fixture.entry("good", "claude-sonnet-4-5@20250929"),
            ])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let refused = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("deleted"), key: key)
                #expect(refused.status == 502, "\(refused.body)")
                #expect(refused.json?["error"]?["code"] == "upstream_auth_error")
                let message = refused.json?["error"]?["message"]?.stringValue ?? ""
                #expect(message.contains(deleted.clientEmail) && message.contains("invalid_grant"), "\(message)")
                let missing = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("wrong-project"), key: key)
                #expect(missing.status == 404, "\(missing.body)")
                #expect(missing.body.contains("projects/no-such-project"), "\(missing.body)")
                // The same through Anthropic's dialect, and the gateway keeps serving the good deployment.
                let messages = try await gateway.post(
                    "/v1/messages", json: ["model": "good", "max_tokens": 20, "messages": [["role": "user", "content": "hi"]]], key: key)
                #expect(messages.status == 200, "\(messages.body)")
                #expect(messages.json?["content"]?[0]?["text"] == "upstream says: hi")
                for reply in [refused, missing, messages] {
                    #expect(!reply.body.contains("PRIVATE KEY") && !fixture.oauth.issued.contains { reply.body.contains($0) })
                }
            }
        }
    }

    @Test func geminiDialectReachesVertexGeminiAsSent() async throws {
        try await VertexTestBed.withRunning { fixture in
            let config = Self.config([fixture.entry("vertex-gemini", "gemini-2.5-flash")])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let body: JSON = [
                    "contents": [["role": "user", "parts": [["text": "Native via gateway"]]]],
                    "safetySettings": [["category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_ONLY_HIGH"]],
                ]
                let reply = try await gateway.post(
                    "/v1beta/models/vertex-gemini:generateContent", json: body, headers: ["x-goog-api-key": key])
                #expect(reply.status == 200, "\(reply.body)")
                let parts = reply.json?["candidates"]?[0]?["content"]?["parts"]?.arrayValue ?? []
                #expect(parts.compactMap { $0["text"]?.stringValue }.joined() == "gemini says: Native via gateway")
                let call = try #require(fixture.vertex.calls.first)
                #expect(call.publisher == "google" && call.method == "generateContent")
                #expect(call.body == body, "safetySettings and all, as the client sent them")
                let streamed = try await gateway.request(
                    .POST, "/v1beta/models/vertex-gemini:streamGenerateContent?alt=sse", body: body.serializedString(),
                    headers: ["x-goog-api-key": key])
                #expect(streamed.status == 200, "\(streamed.body)")
                #expect(streamed.eventData.joined().contains("Native via gateway"))
                #expect(fixture.vertex.calls.last?.method == "streamGenerateContent")
            }
        }
    }

    @Test func aMalformedKeyFileStopsStartupNamingIt() async throws {
        try await VertexTestBed.withRunning { fixture in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            var broken = fixture.account.json
            broken["private_key"] = nil
            let brokenFile = try directory.write("broken.json", broken.serializedString())
            let entry = fixture.entry("broken", "claude-sonnet-4-5@20250929", credentials: brokenFile)
            do {
                try await TestGateway.withRunning(config: Self.config([entry]), plugins: GatewayFixture.authOnly) { _ in }
                Issue.record("the gateway started with a key file that has no private_key")
            } catch {
                let message = String(describing: error)
                #expect(message.contains("broken") && message.contains("has no 'private_key'"), "\(message)")
            }
        }
    }

    @Test(arguments: IdentityFixture.Store.enabled)
    func vertexCredentialsAreEncryptedMaskedAndUsed(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await VertexTestBed.withRunning { fixture in
                let config = "general_settings:\n  master_key: \(GatewayFixture.masterKey)"
                try await TestGateway.withRunning(config: config, plugins: database.plugins, environment: database.environment()) { gateway in
                    let privateKey = fixture.account.privateKeyPEM
                    // The PEM's base64 body, without the line breaks JSON escapes.
                    let keyMaterial = String(privateKey.split(separator: "\n")[1])
                    let forms: [(String, JSON)] = [
                        ("vx-text", .string(fixture.account.json.serializedString())), ("vx-object", fixture.account.json),
                        ("vx-path", .string(fixture.keyFile)),
                    ]
                    for (name, credentials) in forms {
                        let model: JSON = [
                            "model_name": .string(name),
                            "litellm_params": [
                                "model": "vertex_ai/gemini-2.5-flash", "vertex_project": .string(VertexTestBed.project),
                                "vertex_location": "us-central1", "api_base": .string(fixture.vertexBase), "vertex_credentials": credentials,
                            ],
                        ]
                        let reply = try await gateway.post("/model/new", json: model, key: key)
                        #expect(reply.status == 200, "\(reply.body)")
                        #expect(!reply.body.contains(keyMaterial), "/model/new answers without the key")
                        let chat = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat(name), key: key)
                        #expect(chat.status == 200, "\(name): \(chat.body)")
                    }
                    #expect(fixture.oauth.received == ["token"], "one service account, one token")
                    let info = try await gateway.get("/model/info", key: key)
                    let stored = try await database.storedModelsText()
                    #expect(stored.contains("tollgate:aesgcm:v1:"))
                    #expect(!stored.contains(keyMaterial), "stored encrypted")
                    #expect(!info.body.contains(keyMaterial), "/model/info masks it")
                    let listed = info.json?["data"]?.arrayValue?.first { $0["model_name"] == "vx-object" }
                    #expect(listed?["litellm_params"]?["vertex_credentials"] == "********")
                }
            }
        }
    }
}
