import AsyncHTTPClient
import GatewayCore
import GatewayTesting
import HTTPTypes
import Testing

@testable import AzureProvider

/// ``AzureProvider`` against the Azure stand-in over loopback: URLs, `api-version`, `api-key`, bearer tokens, plain and
/// streamed answers, the content filter.
struct AzureProviderTests {
    static let key = AzureUpstream.Settings().apiKey

    static func deployment(_ name: String, base: String, params: [String: JSON] = [:], key: String? = AzureProviderTests.key) -> Deployment {
        Deployment(
            id: "az-\(name)", modelName: "azure-\(name)", provider: "azure", upstreamModel: name, apiBase: base, apiKey: key, timeout: 10,
            extraParams: params)
    }

    static func provider(environment: [String: String] = [:]) -> AzureProvider {
        AzureProvider(client: UpstreamHTTPClient(httpClient: HTTPClient.shared), environment: environment)
    }

    static func chat(_ deployment: Deployment, stream: Bool = false) -> UpstreamCall {
        var body: JSON = ["model": .string(deployment.upstreamModel), "messages": [["role": "user", "content": "hello there"]]]
        if stream { body["stream"] = true }
        return UpstreamCall(operation: .chatCompletions, deployment: deployment, body: body, requestID: "req-1")
    }

    @Test func plainChatGoesToTheDeploymentURLWithKeyAndVersion() async throws {
        try await AzureUpstream.withRunning { azure, log in
            let deployment = Self.deployment("gpt4o", base: azure.baseURL + "/")
            guard case .json(let answer) = try await Self.provider().send(Self.chat(deployment)) else {
                Issue.record("expected a whole answer")
                return
            }
            #expect(answer["choices"]?[0]?["message"]?["content"]?.stringValue == "azure says: hello there")
            #expect(answer["prompt_filter_results"] != nil)
            let call = try #require(await log.calls.last)
            #expect(call.path == "/openai/deployments/gpt4o/chat/completions")
            #expect(call.apiVersion == AzureSettings.defaultAPIVersion)
            #expect(call.headers["api-key"] == Self.key)
            #expect(call.headers["authorization"] == nil)
        }
    }

    @Test func nativeAnswerKeepsAzureBytes() async throws {
        try await AzureUpstream.withRunning { azure, _ in
            var call = Self.chat(Self.deployment("gpt4o", base: azure.baseURL))
            call.clientDialect = .openAIChat
            guard case .native(let answer) = try await Self.provider().send(call) else {
                Issue.record("expected a native answer")
                return
            }
            #expect(answer.view["choices"]?[0]?["content_filter_results"] != nil)
        }
    }

    @Test func streamRelaysAzureChunksAndTheContentFilterFinish() async throws {
        try await AzureUpstream.withRunning { azure, _ in
            guard
                case .stream(let chunks) = try await Self.provider().send(
                    Self.chat(Self.deployment("filtered-answer", base: azure.baseURL), stream: true))
            else {
                Issue.record("expected a stream")
                return
            }
            var all: [JSON] = []
            for try await chunk in chunks { all.append(chunk.json) }
            #expect(all.first?["prompt_filter_results"] != nil)
            let text = all.compactMap { $0["choices"]?[0]?["delta"]?["content"]?.stringValue }.joined()
            #expect(text == "azure says: hello there ")
            #expect(all.last?["choices"]?[0]?["finish_reason"]?.stringValue == "content_filter")
        }
    }

    @Test func completionsAndEmbeddingsURLs() async throws {
        try await AzureUpstream.withRunning { azure, log in
            let deployment = Self.deployment("emb", base: azure.baseURL, params: ["api_version": "2024-10-21"])
            let embed = UpstreamCall(operation: .embeddings, deployment: deployment, body: ["model": "emb", "input": "hi"], requestID: "r")
            guard case .json(let vectors) = try await Self.provider().send(embed) else {
                Issue.record("expected json")
                return
            }
            #expect(vectors["data"]?[0]?["embedding"] != nil)
            let complete = UpstreamCall(operation: .completions, deployment: deployment, body: ["model": "emb", "prompt": "say"], requestID: "r")
            guard case .json(let text) = try await Self.provider().send(complete) else {
                Issue.record("expected json")
                return
            }
            #expect(text["choices"]?[0]?["text"]?.stringValue == "azure says: say")
            #expect(await log.calls.map(\.path) == ["/openai/deployments/emb/embeddings", "/openai/deployments/emb/completions"])
        }
    }

    @Test func contentFilter400IsAContentPolicyFailure() async throws {
        try await AzureUpstream.withRunning { azure, _ in
            do {
                _ = try await Self.provider().send(Self.chat(Self.deployment("content-filter", base: azure.baseURL)))
                Issue.record("expected a content-policy error")
            } catch let error as GatewayError {
                #expect(error.status.code == 400)
                #expect(error.code == UpstreamErrorCode.contentPolicyViolation)
                #expect(FailureKind(error) == .contentPolicy)
            }
        }
    }

    @Test func wrongKeyOrVersionIsAnUpstreamErrorWithoutTheKey() async throws {
        try await AzureUpstream.withRunning { azure, _ in
            do {
                _ = try await Self.provider().send(Self.chat(Self.deployment("gpt4o", base: azure.baseURL, key: "wrong-key-9999")))
                Issue.record("expected an auth error")
            } catch let error as GatewayError {
                #expect(error.code == "upstream_auth_error")
                #expect(!error.message.contains("wrong-key-9999"))
            }
            do {
                _ = try await Self.provider().send(Self.chat(Self.deployment("gpt4o", base: azure.baseURL, params: ["api_version": "2023-01-01"])))
                Issue.record("expected a 404")
            } catch let error as GatewayError {
                #expect(error.status.code == 404)
            }
        }
    }

    @Test func environmentSuppliesBaseKeyAndVersion() async throws {
        try await AzureUpstream.withRunning { azure, log in
            let provider = Self.provider(environment: [
                "AZURE_API_BASE": azure.baseURL, "AZURE_API_KEY": Self.key, "AZURE_API_VERSION": AzureUpstream.Settings().apiVersion,
            ])
            let deployment = Deployment(id: "e", modelName: "env", provider: "azure", upstreamModel: "gpt4o", timeout: 10)
            _ = try await provider.send(Self.chat(deployment))
            #expect(await log.calls.last?.headers["api-key"] == Self.key)
            #expect(provider.secrets(of: deployment).contains(Self.key))
        }
    }

    @Test func adTokenIsSentAsBearer() async throws {
        try await AzureUpstream.withRunning { azure, log in
            let deployment = Self.deployment("gpt4o", base: azure.baseURL, params: ["azure_ad_token": "static-ad-token-0001"], key: nil)
            _ = try await Self.provider().send(Self.chat(deployment))
            #expect(await log.calls.last?.headers["authorization"] == "Bearer static-ad-token-0001")
            #expect(await log.calls.last?.headers["api-key"] == nil)
        }
    }

    @Test func v1SurfaceSendsTheDeploymentAsModel() async throws {
        try await AzureUpstream.withRunning { azure, log in
            for version in ["v1", "preview"] {
                let deployment = Self.deployment("gpt4o", base: azure.baseURL, params: ["api_version": .string(version)])
                guard case .stream(let chunks) = try await Self.provider().send(Self.chat(deployment, stream: true)) else {
                    Issue.record("expected a stream")
                    return
                }
                var text = ""
                for try await chunk in chunks { text += chunk.json["choices"]?[0]?["delta"]?["content"]?.stringValue ?? "" }
                #expect(text == "azure says: hello there ")
                let call = try #require(await log.calls.last)
                #expect(call.path == "/openai/v1/chat/completions")
                #expect(call.apiVersion == (version == "preview" ? "preview" : nil))
                #expect(call.body["model"]?.stringValue == "gpt4o")
                #expect(call.headers["api-key"] == Self.key)
            }
        }
    }
}
