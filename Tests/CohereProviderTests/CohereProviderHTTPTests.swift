import AsyncHTTPClient
import GatewayCore
import GatewayTesting
import HTTPTypes
import Testing

@testable import CohereProvider

/// ``CohereProvider`` against ``CohereUpstream`` over loopback: paths, the bearer key (the deployment's or
/// `COHERE_API_KEY`), the bodies Cohere gets, and Cohere's errors as the client sees them.
struct CohereProviderHTTPTests {
    static func deployment(_ model: String, base: String, key: String? = CohereUpstream.apiKey) -> Deployment {
        Deployment(id: "co-\(model)", modelName: "co-\(model)", provider: "cohere", upstreamModel: model, apiBase: base, apiKey: key, timeout: 10)
    }

    static func provider(environment: [String: String] = [:]) -> CohereProvider {
        CohereProvider(client: UpstreamHTTPClient(httpClient: HTTPClient.shared), environment: environment)
    }

    static func chat(_ deployment: Deployment, stream: Bool = false, extra: [String: JSON] = [:]) -> UpstreamCall {
        var body: JSON = ["model": .string(deployment.upstreamModel), "messages": [["role": "user", "content": "hello there"]]]
        if stream { body["stream"] = true }
        for (key, value) in extra { body[key] = value }
        return UpstreamCall(operation: .chatCompletions, deployment: deployment, body: body, requestID: "req-1")
    }

    static func error(_ call: UpstreamCall, provider: CohereProvider = provider()) async -> GatewayError? {
        do {
            _ = try await provider.send(call)
            return nil
        } catch { return error as? GatewayError }
    }

    @Test func chatGoesToV2ChatWithTheBearerKey() async throws {
        try await CohereUpstream.withRunning { cohere, log in
            // A base written as LiteLLM's older default (`/v1`) still reaches /v2/chat.
            guard case .json(let answer) = try await Self.provider().send(Self.chat(Self.deployment("command-a", base: cohere.baseURL + "/v1/")))
            else {
                Issue.record("expected a whole answer")
                return
            }
            #expect(answer["choices"]?[0]?["message"]?["content"] == "cohere says: hello there")
            #expect(answer["usage"]?["prompt_tokens"]?.intValue == CohereUpstream.billedInputTokens)
            let call = try #require(await log.calls.last)
            #expect(call.path == "/v2/chat")
            #expect(call.headers["authorization"] == "Bearer \(CohereUpstream.apiKey)")
            #expect(call.body["messages"] == [["role": "user", "content": "hello there"]])
        }
    }

    @Test func theEnvironmentKeyServesADeploymentWithoutOne() async throws {
        try await CohereUpstream.withRunning { cohere, log in
            let deployment = Self.deployment("command-a", base: cohere.baseURL, key: nil)
            #expect(Self.provider().configurationProblem(of: deployment)?.contains("COHERE_API_KEY") == true)
            let provider = Self.provider(environment: ["COHERE_API_KEY": CohereUpstream.apiKey])
            #expect(provider.configurationProblem(of: deployment) == nil)
            #expect(provider.secrets(of: deployment) == [CohereUpstream.apiKey])
            guard case .json = try await provider.send(Self.chat(deployment)) else {
                Issue.record("expected a whole answer")
                return
            }
            #expect(await log.calls.last?.headers["authorization"] == "Bearer \(CohereUpstream.apiKey)")
        }
    }

    @Test func streamedToolCall() async throws {
        try await CohereUpstream.withRunning { cohere, _ in
            let tools: JSON = [["type": "function", "function": ["name": "get_weather", "parameters": ["type": "object"]]]]
            guard
                case .stream(let chunks) = try await Self.provider().send(
                    Self.chat(Self.deployment("command-a", base: cohere.baseURL), stream: true, extra: ["tools": tools]))
            else {
                Issue.record("expected a stream")
                return
            }
            var all: [JSON] = []
            for try await chunk in chunks { all.append(chunk.json) }
            let deltas = all.compactMap { $0["choices"]?[0]?["delta"] }
            #expect(deltas.compactMap { $0["content"]?.stringValue }.joined() == "I will look up the weather.")
            #expect(deltas.compactMap { $0["tool_calls"]?[0]?["function"]?["arguments"]?.stringValue }.joined() == #"{"city":"Paris"}"#)
            #expect(all.contains { $0["choices"]?[0]?["finish_reason"] == "tool_calls" })
            #expect(all.last?["usage"]?["completion_tokens"]?.intValue == CohereUpstream.billedOutputTokens)
        }
    }

    @Test func cohereErrorsAsTheClientSeesThem() async throws {
        try await CohereUpstream.withRunning { cohere, _ in
            let base = cohere.baseURL
            let throttled = await Self.error(Self.chat(Self.deployment("command-throttled", base: base)))
            #expect(throttled?.status == .tooManyRequests)
            #expect(throttled?.message.contains("Trial key") == true)
            let broken = await Self.error(Self.chat(Self.deployment("command-broken", base: base)))
            #expect(broken?.status == .badGateway)
            let badKey = await Self.error(Self.chat(Self.deployment("command-a", base: base, key: "wrong-key-123")))
            #expect(badKey?.status == .badGateway)
            #expect(badKey?.code == "upstream_auth_error")
            #expect(badKey?.message.contains("wrong-key-123") == false)
            // A Cohere 400 keeps Cohere's message.
            var call = Self.chat(Self.deployment("command-a", base: base))
            call.body["messages"] = []
            let rejected = await Self.error(call)
            #expect(rejected?.status == .badRequest)
            #expect(rejected?.message.contains("messages must be a list") == true)
            let failed = await Self.error(Self.chat(Self.deployment("command-error", base: base)))
            #expect(failed?.status == .badGateway)
            #expect(failed?.message.contains("failed to generate") == true)
            let cut = Self.chat(Self.deployment("command-cut", base: base), stream: true)
            guard case .stream(let chunks) = try await Self.provider().send(cut) else {
                Issue.record("expected a stream")
                return
            }
            do {
                for try await _ in chunks {}
                Issue.record("the cut stream ended cleanly")
            } catch let error as GatewayError {
                #expect(error.status == .badGateway)
            }
        }
    }

    @Test func embedAndRerankBodies() async throws {
        try await CohereUpstream.withRunning { cohere, log in
            let embedding = Self.deployment("embed-v4.0", base: cohere.baseURL)
            let embed = UpstreamCall(
                operation: .embeddings, deployment: embedding, body: ["model": "embed-v4.0", "input": ["a b", "c"], "dimensions": 3], requestID: "r")
            guard case .json(let vectors) = try await Self.provider().send(embed) else {
                Issue.record("expected a whole answer")
                return
            }
            #expect(vectors["data"]?.arrayValue?.count == 2)
            #expect(vectors["data"]?[0]?["embedding"]?.arrayValue?.count == 3)
            #expect(vectors["usage"]?["prompt_tokens"] == 3)
            #expect(await log.calls.last?.body["input_type"] == "search_document")
            #expect(await log.calls.last?.path == "/v2/embed")

            let reranker = Self.deployment("rerank-v3.5", base: cohere.baseURL)
            let rerank = UpstreamCall(
                operation: .rerank, deployment: reranker,
                body: [
                    "model": "rerank-v3.5", "query": "capital of France", "documents": ["Berlin is big", ["text": "Paris is the capital of France"]],
                    "top_n": 1, "return_documents": true,
                ],
                requestID: "r")
            guard case .json(let ranked) = try await Self.provider().send(rerank) else {
                Issue.record("expected a whole answer")
                return
            }
            #expect(ranked["results"]?.arrayValue?.count == 1)
            #expect(ranked["results"]?[0]?["index"] == 1)
            #expect(ranked["results"]?[0]?["document"] == ["text": "Paris is the capital of France"])
            #expect(ranked["meta"]?["billed_units"]?["search_units"] == 1)
            let sent = try #require(await log.calls.last)
            #expect(sent.path == "/v2/rerank")
            #expect(sent.body["documents"] == ["Berlin is big", "text: Paris is the capital of France"])
            #expect(sent.body["return_documents"] == nil)

            let completion = UpstreamCall(operation: .completions, deployment: reranker, body: ["model": "x", "prompt": "p"], requestID: "r")
            #expect(await Self.error(completion)?.code == "unsupported_operation")
        }
    }
}
