import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// Azure and Bedrock deployments added through `/model/new` on SQLite and Postgres: their credentials (an Azure
/// `api_key`, Entra ID `client_secret`, AWS secret key and session token) are encrypted at rest, masked in every
/// answer, and decrypted for the call: the Azure stand-in accepts only the real key and the real client secret.
@Suite struct CloudModelSecretsTests {
    static let stand = AzureUpstream.Settings()
    static let awsSecret = "aws-secret-0123456789abcdefghij"
    static let awsToken = "aws-session-token-0123456789"

    static func azureModel(_ name: String, azure: TestEndpoint, auth: JSON) -> JSON {
        var params: JSON = ["model": "azure/gpt4o", "api_base": .string(azure.baseURL), "api_version": .string(stand.apiVersion)]
        for (key, value) in auth.objectValue ?? [:] { params[key] = value }
        return ["model_name": .string(name), "litellm_params": params]
    }

    static let bedrockModel: JSON = [
        "model_name": "claude-aws",
        "litellm_params": [
            "model": "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0", "aws_access_key_id": "AKIDEXAMPLE",
            "aws_secret_access_key": .string(awsSecret), "aws_session_token": .string(awsToken), "aws_region_name": "us-east-1",
        ],
    ]

    @Test(arguments: IdentityFixture.Store.enabled)
    func cloudCredentialsAreEncryptedMaskedAndUsed(_ store: IdentityFixture.Store) async throws {
        try await ModelDatabase.with(store) { database in
            try await AzureUpstream.withRunning { azure, log in
                let config = "general_settings:\n  master_key: \(GatewayFixture.masterKey)"
                try await TestGateway.withRunning(config: config, plugins: database.plugins, environment: database.environment()) { gateway in
                    let key = GatewayFixture.masterKey
                    let models = [
                        Self.azureModel("az-key", azure: azure, auth: ["api_key": .string(Self.stand.apiKey)]),
                        Self.azureModel(
                            "az-entra", azure: azure,
                            auth: [
                                "tenant_id": .string(Self.stand.tenantID), "client_id": .string(Self.stand.clientID),
                                "client_secret": .string(Self.stand.clientSecret), "azure_authority_host": .string(azure.baseURL),
                            ]),
                        Self.bedrockModel,
                    ]
                    for model in models {
                        let reply = try await gateway.post("/model/new", json: model, key: key)
                        #expect(reply.status == 200, "\(reply.body)")
                        for secret in [Self.stand.apiKey, Self.stand.clientSecret, Self.awsSecret, Self.awsToken] {
                            #expect(!reply.body.contains(secret), "/model/new answers without the secret")
                        }
                    }
                    // The calls carry the decrypted key and the token exchanged for the decrypted client secret.
                    for name in ["az-key", "az-entra"] {
                        let chat = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat(name), key: key)
                        #expect(chat.status == 200, "\(name): \(chat.body)")
                    }
                    #expect(await log.exchanges == 1)

                    let info = try await gateway.get("/model/info", key: key)
                    #expect(info.status == 200)
                    let stored = try await database.storedModelsText()
                    #expect(stored.contains("tollgate:aesgcm:v1:"))
                    for secret in [Self.stand.apiKey, Self.stand.clientSecret, Self.awsSecret, Self.awsToken] {
                        #expect(!info.body.contains(secret), "/model/info masks it")
                        #expect(!stored.contains(secret), "stored encrypted")
                    }
                    let bedrock = info.json?["data"]?.arrayValue?.first { $0["model_name"] == "claude-aws" }
                    #expect(bedrock?["litellm_params"]?["aws_secret_access_key"] == "********")
                    #expect(bedrock?["litellm_params"]?["aws_session_token"] == "********")
                }
            }
        }
    }
}
