import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// A `gemini/` deployment added through `/model/new` on SQLite and Postgres: its `api_key` is encrypted at rest,
/// masked in every answer, and decrypted for the call (GatewayTesting's `GeminiUpstream` takes only the real key in
/// `x-goog-api-key`).
@Suite struct GeminiModelSecretsTests {
    static let apiKey = GeminiUpstream.Settings().apiKey

    @Test(arguments: IdentityFixture.Store.enabled)
    func theGeminiKeyIsEncryptedMaskedAndUsed(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await GeminiUpstream.withRunning { upstream, log in
                let config = "general_settings:\n  master_key: \(GatewayFixture.masterKey)"
                try await TestGateway.withRunning(config: config, plugins: database.plugins, environment: database.environment()) { gateway in
                    let key = GatewayFixture.masterKey
                    let model: JSON = [
                        "model_name": "gem-stored",
                        "litellm_params": [
                            "model": "gemini/gemini-2.5-flash", "api_base": .string(upstream.baseURL), "api_key": .string(Self.apiKey),
                        ],
                    ]
                    let added = try await gateway.post("/model/new", json: model, key: key)
                    #expect(added.status == 200, "\(added.body)")
                    #expect(!added.body.contains(Self.apiKey), "/model/new answers without the key")

                    let chat = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gem-stored"), key: key)
                    #expect(chat.status == 200, "\(chat.body)")
                    #expect(await log.calls.last?.headers["x-goog-api-key"] == Self.apiKey, "the call carries the decrypted key")

                    let info = try await gateway.get("/model/info", key: key)
                    let stored = try await database.storedModelsText()
                    #expect(stored.contains("tollgate:aesgcm:v1:"))
                    #expect(!stored.contains(Self.apiKey), "stored encrypted")
                    #expect(!info.body.contains(Self.apiKey), "/model/info masks it")
                    let entry = info.json?["data"]?.arrayValue?.first { $0["model_name"] == "gem-stored" }
                    #expect(entry?["litellm_params"]?["api_key"] == "********")
                }
            }
        }
    }
}
