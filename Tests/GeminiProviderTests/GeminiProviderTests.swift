import AsyncHTTPClient
import GatewayCore
import GatewayTesting
import GeminiDialect
import GeminiProvider
import NIOCore
import Testing

/// The provider over HTTP against GatewayTesting's `GeminiUpstream`: URLs, the key, native pass-through of a
/// Gemini-dialect body whole and streamed, and its settings and secrets.
struct GeminiProviderTests {
    static let key = GeminiUpstream.Settings().apiKey

    static func provider(environment: [String: String] = [:]) -> GeminiProvider {
        GeminiProvider(client: UpstreamHTTPClient(httpClient: HTTPClient.shared), environment: environment)
    }

    static func deployment(_ model: String, base: String?, key: String? = GeminiProviderTests.key) -> Deployment {
        Deployment(id: "d-\(model)", modelName: "gem", provider: "gemini", upstreamModel: model, apiBase: base, apiKey: key, timeout: 20)
    }

    /// A request in Gemini's dialect, as the inbound route hands it over (the model and stream flag set by the gateway).
    static func nativeCall(base: String, stream: Bool) -> UpstreamCall {
        let gemini: JSON = [
            "contents": [["role": "user", "parts": [["text": "Hi"]]]], "generationConfig": ["temperature": 0.5],
            "safetySettings": [["category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_ONLY_HIGH"]],
        ]
        var native = gemini
        native["model"] = "gemini-2.5-flash"
        native["stream"] = .bool(stream)
        var call = UpstreamCall(
            operation: .chatCompletions, deployment: deployment("gemini-2.5-flash", base: base),
            body: ["model": "gemini-2.5-flash", "stream": .bool(stream), "messages": [["role": "user", "content": "Hi"]]], requestID: "r1")
        call.native = NativeBody(dialect: .geminiGenerateContent, json: native)
        return call
    }

    @Test func aGeminiBodyGoesAsItCameAndTheAnswerComesBackAsGeminiWroteIt() async throws {
        try await GeminiUpstream.withRunning { upstream, log in
            let provider = Self.provider()
            #expect(provider.nativeDialects(for: Self.deployment("gemini-2.5-flash", base: nil)).contains(.geminiGenerateContent))
            let response = try await provider.send(Self.nativeCall(base: upstream.baseURL, stream: false))
            guard case .native(let answer) = response else {
                Issue.record("expected a native answer, got \(response)")
                return
            }
            let sent = try #require(await log.calls.last)
            #expect(sent.path == "/v1beta/models/gemini-2.5-flash:generateContent")
            #expect(sent.body["model"] == nil && sent.body["stream"] == nil)
            #expect(sent.body["safetySettings"]?[0]?["threshold"] == "BLOCK_ONLY_HIGH")
            #expect(answer.dialect == .geminiGenerateContent)
            #expect(answer.body["candidates"]?[0]?["content"]?["parts"]?[1]?["text"] == "Hi")
            let relayed = try #require(answer.rendered(for: .geminiGenerateContent), "the upstream's bytes, relayed as they came")
            #expect(answer.bytes != nil && (try? JSON(parsing: relayed)) == answer.body)
            #expect(answer.view["choices"]?[0]?["message"]?["content"] == "gemini says: Hi")
            #expect(Usage(openAI: answer.view["usage"])?.promptTokens == 11)
        }
    }

    @Test func aStreamedGeminiBodyRelaysEachEventWithItsView() async throws {
        try await GeminiUpstream.withRunning { upstream, log in
            let response = try await Self.provider().send(Self.nativeCall(base: upstream.baseURL, stream: true))
            guard case .stream(let chunks) = response else {
                Issue.record("expected a stream")
                return
            }
            var events: [ServerSentEvent] = []
            var views: [JSON] = []
            for try await chunk in chunks {
                events += chunk.native?.events ?? []
                views.append(chunk.json)
                #expect(chunk.native?.dialect == .geminiGenerateContent)
            }
            #expect(await log.calls.last?.alt == "sse")
            let texts = events.compactMap { try? JSONParser.parse($0.data)["candidates"]?[0]?["content"]?["parts"]?[0]?["text"]?.stringValue }
            #expect(texts.joined() == "gemini says: Hi", "each Gemini event relayed as it came")
            #expect(views.contains { $0["usage"]?["prompt_tokens"] == 11 }, "the view carries the usage for spend")
        }
    }

    /// A base that already names the version, and a model written `models/x`, give the same URL.
    @Test func anAPIBaseWithItsVersionAndAModelWithItsPrefix() async throws {
        try await GeminiUpstream.withRunning { upstream, log in
            let deployment = Self.deployment("models/gemini-2.5-flash", base: upstream.baseURL + "/v1beta/")
            let call = UpstreamCall(
                operation: .chatCompletions, deployment: deployment, body: ["messages": [["role": "user", "content": "Hi"]]], requestID: "r2")
            guard case .json(let answer) = try await Self.provider().send(call) else {
                Issue.record("expected a whole answer")
                return
            }
            #expect(answer["choices"]?[0]?["message"]?["content"] == "gemini says: Hi")
            #expect(await log.calls.last?.path == "/v1beta/models/gemini-2.5-flash:generateContent")
        }
    }

    /// `litellm_params.safety_settings` go as `safetySettings` when the request names none; the request's own win.
    @Test func theDeploymentsSafetySettings() async throws {
        try await GeminiUpstream.withRunning { upstream, log in
            let configured: JSON = [["category": "HARM_CATEGORY_HATE_SPEECH", "threshold": "BLOCK_LOW_AND_ABOVE"]]
            var deployment = Self.deployment("gemini-2.5-flash", base: upstream.baseURL)
            deployment.extraParams["safety_settings"] = configured
            var call = UpstreamCall(
                operation: .chatCompletions, deployment: deployment, body: ["messages": [["role": "user", "content": "Hi"]]], requestID: "r4")
            _ = try await Self.provider().send(call)
            #expect(await log.calls.last?.body["safetySettings"] == configured)
            let own: JSON = [["category": "HARM_CATEGORY_HARASSMENT", "threshold": "OFF"]]
            call.body["safety_settings"] = own
            _ = try await Self.provider().send(call)
            #expect(await log.calls.last?.body["safetySettings"] == own)
        }
    }

    @Test func embeddingsParametersMappedRefusedOrDropped() async throws {
        try await GeminiUpstream.withRunning { upstream, log in
            var call = UpstreamCall(
                operation: .embeddings, deployment: Self.deployment("text-embedding-004", base: upstream.baseURL),
                body: ["model": "text-embedding-004", "input": "hello", "task_type": "RETRIEVAL_QUERY", "truncate": "END"], requestID: "r3")
            let refused = await #expect(throws: GatewayError.self) { try await Self.provider().send(call) }
            #expect(refused?.param == "truncate")
            #expect(await log.calls.isEmpty, "nothing reaches Gemini")
            call.dropsUnsupportedParams = true
            guard case .json(let answer) = try await Self.provider().send(call) else {
                Issue.record("expected a whole answer")
                return
            }
            #expect(answer["data"]?[0]?["embedding"] == [5.0, 0.5, 0.5])
            #expect(await log.calls.last?.body["requests"]?[0]?["taskType"] == "RETRIEVAL_QUERY")
            #expect(await log.calls.last?.body["requests"]?[0]?["truncate"] == nil)
            for bad: JSON in [["input": []], ["input": "x", "dimensions": -1], ["input": "x", "encoding_format": "int8"]] {
                var request = bad
                request["model"] = "text-embedding-004"
                call.body = request
                await #expect(throws: GatewayError.self) { try await Self.provider().send(call) }
            }
        }
    }

    @Test func urlsKeysAndSecrets() throws {
        let provider = Self.provider(environment: ["GEMINI_API_KEY": "env-key-1"])
        let keyless = Self.deployment("gemini-2.5-flash", base: nil, key: nil)
        #expect(provider.secrets(of: keyless).contains("env-key-1"))
        #expect(provider.configurationProblem(of: keyless) == nil)
        #expect(Self.provider().configurationProblem(of: keyless)?.contains("GEMINI_API_KEY") == true)
        #expect(Deployment.isSecretParam("api_key"), "the key is encrypted at rest and masked like every provider's")
    }
}
