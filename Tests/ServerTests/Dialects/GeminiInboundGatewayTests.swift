import GatewayCore
import GatewayTesting
import Testing

/// Gemini's routes (`/v1beta/models/{model}:generateContent`, `:streamGenerateContent`, `:countTokens`) over real
/// HTTP, translated to an OpenAI-format deployment: the upstream gets a chat body, the client Gemini's shapes, and
/// errors come in Google's shape.
struct GeminiInboundGatewayTests {
    static let key = GatewayFixture.masterKey

    static func request(_ text: String = "hello gemini", extra: [String: JSON] = [:]) -> JSON {
        var body: JSON = ["contents": [["role": "user", "parts": [["text": .string(text)]]]]]
        for (name, value) in extra { body[name] = value }
        return body
    }

    /// Each `GenerateContentResponse` of an SSE reply.
    static func responses(_ reply: TestEndpoint.Reply) -> [JSON] { reply.eventData.compactMap { try? JSONParser.parse($0) } }

    static func text(of responses: [JSON]) -> String {
        responses.flatMap { $0["candidates"]?[0]?["content"]?["parts"]?.arrayValue ?? [] }.compactMap { $0["text"]?.stringValue }.joined()
    }

    @Test("generateContent with x-goog-api-key reaches an OpenAI deployment as chat and answers Gemini's shape")
    func plainCallIsTranslated() async throws {
        try await GatewayFixture.withGateway { gateway, recorder in
            let body = Self.request(extra: [
                "systemInstruction": ["parts": [["text": "be brief"]]], "generationConfig": ["maxOutputTokens": 50, "temperature": 0.5],
            ])
            let reply = try await gateway.post("/v1beta/models/gpt-test:generateContent", json: body, headers: ["x-goog-api-key": Self.key])
            #expect(reply.status == 200, "\(reply.body)")
            let upstream = try #require(await recorder.last)
            #expect(upstream.path == "/v1/chat/completions")
            #expect(upstream.body["messages"] == [["role": "system", "content": "be brief"], ["role": "user", "content": "hello gemini"]])
            #expect(upstream.body["max_tokens"] == 50 && upstream.body["temperature"] == 0.5)
            let answer = try #require(reply.json)
            #expect(answer["candidates"]?[0]?["content"]?["parts"] == [["text": "upstream says: hello gemini"]])
            #expect(answer["candidates"]?[0]?["content"]?["role"] == "model")
            #expect(answer["candidates"]?[0]?["finishReason"] == "STOP")
            #expect(answer["usageMetadata"] == ["promptTokenCount": 11, "candidatesTokenCount": 7, "totalTokenCount": 18])
            #expect(answer["modelVersion"] == "gpt-test")
        }
    }

    @Test("the key as ?key=, under /v1/models too, and a model name with a slash")
    func otherPathsAndKeyPlacements() async throws {
        try await TestUpstream.withRunning { upstream, _ in
            let config = RoutingFixture.config([RoutingFixture.entry("openai/gpt-slash", "echo", upstream: upstream)])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let byQuery = try await gateway.post("/v1beta/models/openai/gpt-slash:generateContent?key=\(Self.key)", json: Self.request())
                #expect(byQuery.status == 200, "\(byQuery.body)")
                let v1 = try await gateway.post(
                    "/v1/models/openai/gpt-slash:generateContent", json: Self.request(), headers: ["x-goog-api-key": Self.key])
                #expect(v1.status == 200, "\(v1.body)")
                let encoded = try await gateway.post(
                    "/v1beta/models/openai%2Fgpt-slash:generateContent", json: Self.request(), headers: ["x-goog-api-key": Self.key])
                #expect(encoded.status == 200, "\(encoded.body)")
            }
        }
    }

    @Test("streamGenerateContent: SSE with alt=sse, a JSON array without it; usage and finish reason on the last")
    func streamsAreTranslated() async throws {
        try await GatewayFixture.withGateway { gateway, recorder in
            let sse = try await gateway.post(
                "/v1beta/models/gpt-test:streamGenerateContent?alt=sse", json: Self.request("stream me"), headers: ["x-goog-api-key": Self.key])
            #expect(sse.status == 200)
            #expect(sse.header("content-type")?.hasPrefix("text/event-stream") == true)
            #expect(await recorder.last?.body["stream"] == true)
            let events = Self.responses(sse)
            #expect(events.count > 2, "\(sse.body)")
            #expect(Self.text(of: events).hasPrefix("upstream says: stream me"), "\(sse.body)")
            #expect(events.last?["candidates"]?[0]?["finishReason"] == "STOP")
            #expect(events.last?["usageMetadata"]?["totalTokenCount"] == 18)
            #expect(events.dropLast().allSatisfy { $0["usageMetadata"] == nil })

            let array = try await gateway.post(
                "/v1beta/models/gpt-test:streamGenerateContent", json: Self.request("stream me"), headers: ["x-goog-api-key": Self.key])
            #expect(array.status == 200)
            let elements = try #require(array.json?.arrayValue, "\(array.body)")
            #expect(Self.text(of: elements) == Self.text(of: events))
        }
    }

    @Test("errors on these routes are Google-shaped: a bad key, an unknown model, an unknown method")
    func errorsAreGoogleShaped() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let badKey = try await gateway.post("/v1beta/models/gpt-test:generateContent", json: Self.request(), headers: ["x-goog-api-key": "nope"])
            #expect(badKey.status == 401)
            #expect(badKey.json?["error"]?["code"] == 401 && badKey.json?["error"]?["status"] == "UNAUTHENTICATED", "\(badKey.body)")
            #expect(!badKey.body.contains("nope"))
            let unknown = try await gateway.post(
                "/v1beta/models/no-such:generateContent", json: Self.request(), headers: ["x-goog-api-key": Self.key])
            #expect(unknown.status == 404)
            #expect(unknown.json?["error"]?["status"] == "NOT_FOUND", "\(unknown.body)")
            let method = try await gateway.post("/v1beta/models/gpt-test:embedContent", json: Self.request(), headers: ["x-goog-api-key": Self.key])
            #expect(method.status == 404 && method.json?["error"]?["code"] == 404, "\(method.body)")
            let get = try await gateway.get("/v1beta/models/gpt-test:generateContent", key: Self.key)
            #expect(get.status == 404 && get.json?["error"]?["status"] == "NOT_FOUND", "\(get.body)")
            let malformed = try await gateway.post(
                "/v1beta/models/gpt-test:generateContent", json: ["contents": []], headers: ["x-goog-api-key": Self.key])
            #expect(malformed.status == 400)
            #expect(malformed.json?["error"]?["status"] == "INVALID_ARGUMENT", "\(malformed.body)")
            #expect(malformed.json?["error"]?["details"]?[0]?["metadata"]?["param"] == "contents", "\(malformed.body)")
        }
    }

    @Test("what the chat view cannot carry is refused for an OpenAI deployment naming the field, or dropped with drop_params")
    func untranslatableFieldsAreRefused() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config([
                RoutingFixture.entry("gpt-strict", "echo", upstream: upstream),
                RoutingFixture.entry("gpt-lenient", "echo", upstream: upstream, extra: "drop_params: true"),
            ])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let body = Self.request(extra: ["safetySettings": [["category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE"]]])
                let refused = try await gateway.post("/v1beta/models/gpt-strict:generateContent", json: body, headers: ["x-goog-api-key": Self.key])
                #expect(refused.status == 400)
                #expect(refused.json?["error"]?["details"]?[0]?["reason"] == "unsupported_params", "\(refused.body)")
                #expect(refused.json?["error"]?["details"]?[0]?["metadata"]?["param"] == "safetySettings", "\(refused.body)")
                #expect(await recorder.calls.isEmpty, "nothing was sent")
                let dropped = try await gateway.post("/v1beta/models/gpt-lenient:generateContent", json: body, headers: ["x-goog-api-key": Self.key])
                #expect(dropped.status == 200, "\(dropped.body)")
                #expect(await recorder.last?.body["safetySettings"] == nil)
            }
        }
    }

    @Test("a stream that fails after its first chunk ends with an error in Google's shape")
    func midStreamFailureIsGoogleShaped() async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let reply = try await gateway.post(
                "/v1beta/models/openai-cut-stream:streamGenerateContent?alt=sse", json: Self.request(), headers: ["x-goog-api-key": Self.key])
            #expect(reply.status == 200)
            let last = try #require(Self.responses(reply).last, "\(reply.body)")
            #expect(last["error"]?["code"]?.intValue.map { $0 >= 500 } == true, "\(reply.body)")
            #expect(last["error"]?["status"]?.stringValue != nil)
        }
    }

    @Test("countTokens answers the gateway's estimate, marked as such, in Gemini's shape")
    func countTokensEstimates() async throws {
        try await GatewayFixture.withGateway { gateway, recorder in
            let reply = try await gateway.post("/v1beta/models/gpt-test:countTokens", json: Self.request(), headers: ["x-goog-api-key": Self.key])
            #expect(reply.status == 200, "\(reply.body)")
            #expect((reply.json?["totalTokens"]?.intValue ?? 0) > 0, "\(reply.body)")
            #expect(reply.header("x-tollgate-token-count-estimated") == "true")
            let wrapped = try await gateway.post(
                "/v1beta/models/gpt-test:countTokens", json: ["generateContentRequest": Self.request()], headers: ["x-goog-api-key": Self.key])
            #expect(wrapped.json?["totalTokens"] == reply.json?["totalTokens"])
            #expect(await recorder.calls.isEmpty, "counting calls no upstream without a native counter")
        }
    }
}
