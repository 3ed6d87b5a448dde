import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// `GET` and `DELETE` of a response an Azure deployment created, with no storage plugin: they go to Azure's
/// Responses URL (`/openai/responses/{upstream id}?api-version=...`) with the deployment's key, and the answer names
/// the response as the client knows it.
struct AzureResponsesRetrievalTests {
    @Test func anUnstoredAzureResponseIsRetrievedAndDeletedAtAzure() async throws {
        try await AzureUpstream.withRunning { azure, log in
            let config = AzureGatewayTests.config([AzureResponsesTests.entry("gpt-4o", "gpt4o-prod", azure: azure, id: "az-r")])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let key = GatewayFixture.masterKey
                let created = try await gateway.post("/v1/responses", json: ["model": "gpt-4o", "input": "keep this"], key: key)
                let id = try #require(created.json?["id"]?.stringValue, "\(created.body)")

                let retrieved = try await gateway.get("/v1/responses/\(id)", key: key)
                #expect(retrieved.status == 200, "\(retrieved.body)")
                #expect(retrieved.json?["id"]?.stringValue == id)
                #expect(retrieved.json?["output"]?[0]?["content"]?[0]?["text"] == "upstream says: keep this")
                let call = try #require(await log.calls.last)
                #expect(call.path.hasPrefix("/openai/responses/resp_") && call.apiVersion == AzureResponsesTests.version, "\(call.path)")
                #expect(call.headers["api-key"] == AzureUpstream.Settings().apiKey)

                let deleted = try await gateway.request(.DELETE, "/v1/responses/\(id)", headers: ["authorization": "Bearer \(key)"])
                #expect(deleted.status == 200 && deleted.json?["id"]?.stringValue == id, "\(deleted.body)")
                #expect(try await gateway.get("/v1/responses/\(id)", key: key).status == 404)
            }
        }
    }
}
