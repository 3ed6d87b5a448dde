import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// Gemini's routes to a `gemini/` deployment: the body goes upstream as the client sent it (the model moves from the
/// gateway's name in the URL to the deployment's, the key to the deployment's own), and the answer and each streamed
/// event come back as the upstream sent them, compared with what the stand-in answers the same body directly.
struct GeminiInboundNativeTests {
    static let upstreamKey = GeminiUpstream.Settings().apiKey

    static func config(_ base: String) -> String {
        """
        model_list:
          - model_name: gem-native
            litellm_params:
              model: gemini/gemini-2.5-flash
              api_base: \(base)
              api_key: \(upstreamKey)
        general_settings:
          master_key: \(GatewayFixture.masterKey)
        """
    }

    /// A body with what only Gemini can take: safety settings, thinking with thought summaries, a function declaration
    /// in Gemini's schema dialect, a tool config, snake_case and camelCase names mixed.
    static let body: JSON = [
        "system_instruction": ["parts": [["text": "Be brief."]]],
        "contents": [["role": "user", "parts": [["text": "Hi"]]]],
        "safetySettings": [["category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_ONLY_HIGH"]],
        "generationConfig": ["maxOutputTokens": 64, "thinkingConfig": ["includeThoughts": true, "thinkingBudget": 512]],
        "tools": [
            ["functionDeclarations": [["name": "get_weather", "parameters": ["type": "OBJECT", "properties": ["city": ["type": "STRING"]]]]]]
        ],
        "toolConfig": ["functionCallingConfig": ["mode": "NONE"]],
    ]

    @Test("the body reaches Gemini as sent, nothing added", arguments: [false, true])
    func bodyPassesThrough(stream: Bool) async throws {
        try await GeminiUpstream.withRunning { upstream, log in
            try await TestGateway.withRunning(config: Self.config(upstream.baseURL), plugins: GatewayFixture.authOnly) { gateway in
                let method = stream ? "streamGenerateContent" : "generateContent"
                let reply = try await gateway.post(
                    "/v1beta/models/gem-native:\(method)\(stream ? "?alt=sse" : "")", json: Self.body,
                    headers: ["x-goog-api-key": GatewayFixture.masterKey])
                #expect(reply.status == 200, "\(reply.body)")
                let call = try #require(await log.calls.last)
                #expect(call.path == "/v1beta/models/gemini-2.5-flash:\(method)")
                #expect(call.headers["x-goog-api-key"] == Self.upstreamKey, "the deployment's key, not the client's")
                #expect(call.body == Self.body, "the body as the client sent it, nothing added (no model, no stream)")
                // The stand-in's thought summary (includeThoughts) came back: the answer is Gemini's, not a translation.
                #expect(reply.body.contains(#""thought":true"#), "\(reply.body)")
            }
        }
    }

    @Test("the answer and each streamed event come back as Gemini's bytes")
    func answerPassesThroughByteForByte() async throws {
        try await GeminiPassThroughUpstream.withRunning { upstream, received in
            try await TestGateway.withRunning(config: Self.config(upstream.baseURL), plugins: GatewayFixture.authOnly) { gateway in
                let headers = ["x-goog-api-key": GatewayFixture.masterKey]
                let whole = try await gateway.post("/v1beta/models/gem-native:generateContent", json: Self.body, headers: headers)
                #expect(whole.status == 200, "\(whole.body)")
                #expect(whole.body == GeminiPassThroughUpstream.answer, "the upstream's bytes")
                #expect(whole.header("x-litellm-response-cost") != nil, "the usage was read for spend")

                let streamed = try await gateway.post("/v1beta/models/gem-native:streamGenerateContent?alt=sse", json: Self.body, headers: headers)
                #expect(streamed.status == 200)
                #expect(streamed.eventData == GeminiPassThroughUpstream.events, "each event's bytes")
                let paths = received.requests.map(\.path)
                #expect(paths == ["/v1beta/models/gemini-2.5-flash:generateContent", "/v1beta/models/gemini-2.5-flash:streamGenerateContent"])
                #expect(received.requests.allSatisfy { (try? JSONParser.parse($0.body)) == Self.body })
            }
        }
    }

    @Test("a masking guardrail's change is carried into the native body")
    func maskingReachesTheNativeBody() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let manifest = """
            {"plugins": [{"name": "sqlite-store", "config": {"path": "\(directory.path)/tollgate.db"}}, {"name": "master-key-auth"},
              {"name": "virtual-keys"}, \(GuardrailsGateway.plugins)]}
            """
        try await GeminiUpstream.withRunning { upstream, log in
            try await TestGateway.withRunning(config: Self.config(upstream.baseURL), plugins: manifest) { gateway in
                var body = Self.body
                body["contents"] = [["role": "user", "parts": [["text": "mail bob@example.com today"]]]]
                let reply = try await gateway.post(
                    "/v1beta/models/gem-native:generateContent", json: body, headers: ["x-goog-api-key": GatewayFixture.masterKey])
                #expect(reply.status == 200, "\(reply.body)")
                let call = try #require(await log.calls.last)
                #expect(call.body["contents"] == [["role": "user", "parts": [["text": "mail [EMAIL] today"]]]])
                var rest = call.body
                rest["contents"] = body["contents"]
                #expect(rest == body, "everything else as sent")
            }
        }
    }

    @Test("a Gemini error comes back in Google's shape")
    func upstreamErrors() async throws {
        try await GeminiUpstream.withRunning { upstream, _ in
            let config = Self.config(upstream.baseURL).replacingOccurrences(of: "api_key: \(Self.upstreamKey)", with: "api_key: wrong-key")
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post(
                    "/v1beta/models/gem-native:generateContent", json: Self.body, headers: ["x-goog-api-key": GatewayFixture.masterKey])
                #expect(reply.status == 502, "\(reply.body)")
                #expect(reply.json?["error"]?["code"] == 502 && reply.json?["error"]?["status"] == "UNAVAILABLE", "\(reply.body)")
                #expect(!reply.body.contains("wrong-key"))
            }
        }
    }

    @Test("a Gemini deployment that fails falls back to an OpenAI one; the client still reads Gemini", arguments: [false, true])
    func fallbackAcrossDialects(stream: Bool) async throws {
        try await GeminiUpstream.withRunning { gemini, log in
            try await TestUpstream.withRunning { openAI, recorder in
                let config = """
                    model_list:
                      - model_name: gem-down
                        litellm_params: {model: gemini/unavailable, api_base: "\(gemini.baseURL)", api_key: \(Self.upstreamKey)}
                      - model_name: gpt-up
                        litellm_params: {model: openai/echo, api_base: "\(openAI.baseURL)/v1", api_key: sk-upstream}
                    router_settings:
                      fallbacks: [{gem-down: [gpt-up]}]
                      retry_after: 0.01
                    general_settings:
                      master_key: \(GatewayFixture.masterKey)
                    """
                try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                    let body: JSON = ["contents": [["role": "user", "parts": [["text": "hello"]]]]]
                    let path = "/v1beta/models/gem-down:\(stream ? "streamGenerateContent?alt=sse" : "generateContent")"
                    let reply = try await gateway.post(path, json: body, headers: ["x-goog-api-key": GatewayFixture.masterKey])
                    #expect(reply.status == 200, "\(reply.body)")
                    #expect(reply.header("x-litellm-model-group") == "gpt-up")
                    #expect(await log.calls.map(\.model).contains("unavailable"), "native to Gemini first")
                    #expect(await recorder.last?.path == "/v1/chat/completions", "translated to OpenAI next")
                    let responses = stream ? reply.eventData.compactMap { try? JSONParser.parse($0) } : [reply.json ?? [:]]
                    let text = responses.flatMap { $0["candidates"]?[0]?["content"]?["parts"]?.arrayValue ?? [] }.compactMap {
                        $0["text"]?.stringValue
                    }
                    #expect(text.joined().hasPrefix("upstream says: hello"), "\(reply.body)")
                }
            }
        }
    }
}
