import AsyncHTTPClient
import GatewayCore
import Testing

@testable import AzureProvider

/// Which `api_version`s reach Azure's Responses API, and where.
struct AzureResponsesURLTests {
    private func settings(_ version: String?) throws -> AzureSettings {
        let params: [String: JSON] = version.map { ["api_version": .string($0)] } ?? [:]
        let deployment = Deployment(
            id: "d1", modelName: "gpt-4o", provider: "azure", upstreamModel: "gpt4o-prod", apiBase: "https://res.openai.azure.com",
            apiKey: "k-123456", extraParams: params)
        return try AzureSettings(deployment: deployment, environment: [:])
    }

    @Test func datedVersionsFromTheFirstResponsesVersionOn() throws {
        for version in ["2025-03-01-preview", "2025-04-01-preview", "2026-01-01"] {
            #expect(try settings(version).responsesURL == "https://res.openai.azure.com/openai/responses?api-version=\(version)")
        }
    }

    @Test func v1Surface() throws {
        #expect(try settings("v1").responsesURL == "https://res.openai.azure.com/openai/v1/responses")
        #expect(try settings("latest").responsesURL == "https://res.openai.azure.com/openai/v1/responses")
        #expect(try settings("preview").responsesURL == "https://res.openai.azure.com/openai/v1/responses?api-version=preview")
    }

    @Test func olderOrUnreadableVersionsAreTranslated() throws {
        for version in [nil, "2024-10-21", "2025-02-01-preview", "2024-12-01-preview", "2025-3-01", "next"] {
            #expect(try settings(version).responsesURL == nil, "\(version ?? "default")")
        }
    }

    @Test func nativeDialectFollowsTheVersion() {
        let provider = AzureProvider(client: UpstreamHTTPClient(httpClient: HTTPClient.shared), environment: [:])
        func deployment(_ version: String) -> Deployment {
            Deployment(
                id: "d", modelName: "m", provider: "azure", upstreamModel: "dep", apiBase: "https://res.openai.azure.com", apiKey: "k",
                extraParams: ["api_version": .string(version)])
        }
        #expect(provider.nativeDialects(for: deployment("2025-04-01-preview")) == [.openAIResponses])
        #expect(provider.nativeDialects(for: deployment("v1")) == [.openAIResponses])
        #expect(provider.nativeDialects(for: deployment("2024-10-21")).isEmpty)
    }
}
