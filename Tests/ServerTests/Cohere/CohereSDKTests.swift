import Foundation
import GatewayTesting
import Testing

/// Real clients against `cohere/` and Jina deployments: Cohere's own SDK (PyPI `cohere`, `Tests/sdk/cohere_check.py`:
/// `ClientV2.rerank` to `/v2/rerank`, `Client.rerank` to `/v1/rerank` with object documents, a wrong key, an unknown
/// model), and the openai and anthropic SDKs (`Tests/sdk/cohere_deployments_check.py`: chat plain and streamed, tool
/// calls plain and streamed and a tool result, embeddings, a refused parameter; `/v1/messages` plain, streamed and with
/// tool use), through the gateway to GatewayTesting's ``CohereUpstream`` and ``JinaUpstream``.
/// `TOLLGATE_SKIP_SDK=1` disables it.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct CohereSDKTests {
    static func config(cohere: TestEndpoint, jina: TestEndpoint) -> String {
        func entry(_ name: String, _ model: String) -> String {
            """
              - model_name: \(name)
                litellm_params:
                  model: cohere/\(model)
                  api_base: \(cohere.baseURL)
                  api_key: \(CohereUpstream.apiKey)
                  timeout: 15
            """
        }
        return """
            model_list:
            \(entry("command", "command-a-03-2025"))
            \(entry("embed", "embed-v4.0"))
            \(entry("rerank", "rerank-v3.5"))
              - model_name: rerank-jina
                litellm_params:
                  model: jina_ai/jina-reranker-v2-base-multilingual
                  api_base: \(jina.baseURL)/v1
                  api_key: \(JinaUpstream.apiKey)
            general_settings:
              master_key: \(GatewayFixture.masterKey)
            """
    }

    @Test(.timeLimit(.minutes(3)))
    func cohereAndOpenAISDKsPassAgainstTheGateway() async throws {
        guard try await PythonSDKScript.canImport("cohere, openai, anthropic") else { return }
        try await CohereUpstream.withRunning { cohere, log in
            try await JinaUpstream.withRunning { jina, _ in
                try await TestGateway.withRunning(config: Self.config(cohere: cohere, jina: jina), plugins: GatewayFixture.authOnly) { gateway in
                    try await PythonSDKScript.run("cohere_check.py", gateway: gateway, key: GatewayFixture.masterKey)
                    try await PythonSDKScript.run("cohere_deployments_check.py", gateway: gateway, key: GatewayFixture.masterKey)
                }
            }
            // The SDKs' calls reached Cohere's v2 endpoints with the deployment's key, never the gateway's.
            let calls = await log.calls
            #expect(Set(calls.map(\.path)) == ["/v2/rerank", "/v2/chat", "/v2/embed"])
            #expect(calls.allSatisfy { $0.headers["authorization"] == "Bearer \(CohereUpstream.apiKey)" })
        }
    }
}
