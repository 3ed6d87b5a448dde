import GatewayCore
import Testing

@testable import AzureProvider

struct AzureSettingsTests {
    private func deployment(
        _ model: String = "gpt4o-prod", apiBase: String? = "https://res.openai.azure.com", apiKey: String? = "k-123456",
        params: [String: JSON] = [:]
    ) -> Deployment {
        Deployment(
            id: "d1", modelName: "gpt-4o", provider: "azure", upstreamModel: model, apiBase: apiBase, apiKey: apiKey, extraParams: params)
    }

    @Test func buildsDeploymentURLsWithTheDefaultVersion() throws {
        let settings = try AzureSettings(deployment: deployment(), environment: [:])
        #expect(settings.apiVersion == AzureSettings.defaultAPIVersion)
        #expect(
            settings.url(for: .chatCompletions)
                == "https://res.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21")
        #expect(settings.url(for: .completions) == "https://res.openai.azure.com/openai/deployments/gpt4o-prod/completions?api-version=2024-10-21")
        #expect(settings.url(for: .embeddings) == "https://res.openai.azure.com/openai/deployments/gpt4o-prod/embeddings?api-version=2024-10-21")
        #expect(settings.auth == .apiKey("k-123456"))
    }

    @Test func v1SurfaceURLs() throws {
        let v1 = try AzureSettings(deployment: deployment(params: ["api_version": "v1"]), environment: [:])
        #expect(v1.usesV1)
        #expect(v1.url(for: .chatCompletions) == "https://res.openai.azure.com/openai/v1/chat/completions")
        #expect(v1.url(for: .embeddings) == "https://res.openai.azure.com/openai/v1/embeddings")
        let latest = try AzureSettings(deployment: deployment(), environment: ["AZURE_API_VERSION": "latest"])
        #expect(latest.url(for: .completions) == "https://res.openai.azure.com/openai/v1/completions")
        let preview = try AzureSettings(deployment: deployment(params: ["api_version": "preview"]), environment: [:])
        #expect(preview.url(for: .chatCompletions) == "https://res.openai.azure.com/openai/v1/chat/completions?api-version=preview")
    }

    @Test func trailingSlashAndOpenAISuffixAreTrimmed() throws {
        for base in ["https://res.openai.azure.com/", "https://res.openai.azure.com/openai", "https://res.openai.azure.com/openai/"] {
            let settings = try AzureSettings(deployment: deployment(apiBase: base), environment: [:])
            #expect(settings.apiBase == "https://res.openai.azure.com")
        }
    }

    @Test func apiVersionFromParamsThenEnvironment() throws {
        let fromParam = try AzureSettings(
            deployment: deployment(params: ["api_version": "2025-04-01-preview"]), environment: ["AZURE_API_VERSION": "2024-06-01"])
        #expect(fromParam.apiVersion == "2025-04-01-preview")
        let fromEnv = try AzureSettings(deployment: deployment(), environment: ["AZURE_API_VERSION": "2024-06-01"])
        #expect(fromEnv.url(for: .chatCompletions).hasSuffix("?api-version=2024-06-01"))
    }

    @Test func baseAndKeyFromEnvironment() throws {
        let settings = try AzureSettings(
            deployment: deployment(apiBase: nil, apiKey: nil), environment: ["AZURE_API_BASE": "http://127.0.0.1:9/", "AZURE_API_KEY": "env-key"])
        #expect(settings.apiBase == "http://127.0.0.1:9")
        #expect(settings.auth == .apiKey("env-key"))
        let openAIKey = try AzureSettings(
            deployment: deployment(apiKey: nil), environment: ["AZURE_OPENAI_API_KEY": "first", "AZURE_API_KEY": "second"])
        #expect(openAIKey.auth == .apiKey("first"))
    }

    @Test func credentialsInOrder() throws {
        let token = try AzureSettings(deployment: deployment(apiKey: nil, params: ["azure_ad_token": "tok-abc"]), environment: ["AZURE_API_KEY": "e"])
        #expect(token.auth == .adToken("tok-abc"))
        let entra = try AzureSettings(
            deployment: deployment(apiKey: nil, params: ["tenant_id": "contoso.onmicrosoft.com", "client_id": "app-1"]),
            environment: ["AZURE_CLIENT_SECRET": "s3cret!&=", "AZURE_API_KEY": "e"])
        guard case .clientCredentials(let credentials) = entra.auth else {
            Issue.record("expected client credentials, got \(entra.auth)")
            return
        }
        #expect(credentials.tokenURL == "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token")
        #expect(credentials.scope == "https://cognitiveservices.azure.com/.default")
        #expect(
            credentials.formBody
                == "grant_type=client_credentials&client_id=app-1&client_secret=s3cret%21%26%3D&scope=https%3A%2F%2Fcognitiveservices.azure.com%2F.default"
        )
        let authority = try AzureSettings(
            deployment: deployment(apiKey: nil),
            environment: [
                "AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c", "AZURE_CLIENT_SECRET": "s",
                "AZURE_AUTHORITY_HOST": "http://127.0.0.1:8/",
            ])
        guard case .clientCredentials(let fromEnv) = authority.auth else {
            Issue.record("expected client credentials")
            return
        }
        #expect(fromEnv.tokenURL == "http://127.0.0.1:8/t/oauth2/v2.0/token")
    }

    @Test func badSettingsAreRefusedWithoutQuotingSecrets() {
        let cases: [(Deployment, [String: String], String)] = [
            (deployment(apiBase: nil), [:], "api_base"),
            (deployment(apiBase: "ftp://x"), [:], "http(s) URL"),
            (deployment(params: ["api_version": "2024-10-21&x=1"]), [:], "api_version"),
            (deployment("a/b"), [:], "deployment name"),
            (deployment(apiKey: nil), [:], "no credentials"),
            (deployment(apiKey: nil, params: ["tenant_id": "t", "client_secret": "very-secret"]), [:], "client_id"),
        ]
        for (deployment, environment, phrase) in cases {
            do {
                _ = try AzureSettings(deployment: deployment, environment: environment)
                Issue.record("accepted \(deployment.upstreamModel) \(deployment.extraParams)")
            } catch {
                #expect(error.message.contains(phrase), "\(error.message)")
                #expect(!error.message.contains("very-secret"))
                #expect(error.code == "azure_config")
            }
        }
    }
}
