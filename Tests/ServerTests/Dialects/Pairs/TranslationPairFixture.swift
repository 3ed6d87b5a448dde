import GatewayCore
import GatewayTesting
import Testing

/// A gateway in front of one ``TestUpstream`` with a deployment per upstream kind and behaviour, for the translation
/// pair tests (docs/dialects.md, "What is tested"): `compat-*` are `hosted_vllm/` (OpenAI chat, no Responses API),
/// `gpt-*` are `openai/`, `claude-*` are `anthropic/`; the suffix is the test upstream's mode (`echo`, `tool-call`,
/// `cached-usage`). `*-lenient` deployments set `drop_params: true`. Every deployment has input, output and cache
/// prices, so a cost can be computed by hand.
enum TranslationPairFixture {
    static let key = GatewayFixture.masterKey

    /// Per-token prices of every deployment.
    enum Price {
        static let input = 0.001, output = 0.002, cacheRead = 0.0001, cacheWrite = 0.00125
    }

    static func config(upstream: TestEndpoint) -> String {
        func entry(_ name: String, _ model: String, extra: String = "") -> String {
            let base = model.hasPrefix("anthropic/") ? upstream.baseURL : "\(upstream.baseURL)/v1"
            var lines = [
                "  - model_name: \(name)", "    litellm_params:", "      model: \(model)", "      api_base: \(base)",
                "      api_key: \(GatewayFixture.upstreamKey)", "      timeout: 15",
            ]
            if !extra.isEmpty { lines.append("      \(extra)") }
            lines += [
                "    model_info:", "      input_cost_per_token: \(Price.input)", "      output_cost_per_token: \(Price.output)",
                "      cache_read_input_token_cost: \(Price.cacheRead)", "      cache_creation_input_token_cost: \(Price.cacheWrite)",
            ]
            return lines.joined(separator: "\n")
        }
        let entries = [
            entry("compat", "hosted_vllm/echo"), entry("compat-tool", "hosted_vllm/tool-call"), entry("compat-cached", "hosted_vllm/cached-usage"),
            entry("gpt", "openai/echo"), entry("gpt-tool", "openai/tool-call"),
            entry("claude", "anthropic/echo"), entry("claude-tool", "anthropic/tool-call"), entry("claude-cached", "anthropic/cached-usage"),
            entry("claude-lenient", "anthropic/echo", extra: "drop_params: true"), entry("gpt-lenient", "openai/echo", extra: "drop_params: true"),
        ]
        return (["model_list:"] + entries + ["general_settings:", "  master_key: \(GatewayFixture.masterKey)"]).joined(separator: "\n")
    }

    /// Runs a test upstream and the gateway in front of it.
    static func withGateway(_ body: (TestEndpoint, UpstreamRecorder) async throws -> Void) async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            try await TestGateway.withRunning(config: config(upstream: upstream), plugins: GatewayFixture.authOnly) { gateway in
                try await body(gateway, recorder)
            }
        }
    }

    /// Posts `body` to `path` and checks it is refused with 400 `invalid_request_error` naming `param` with `code`, and
    /// that nothing reached the upstream.
    static func expectRefusal(
        _ gateway: TestEndpoint, _ recorder: UpstreamRecorder, _ path: String, _ body: JSON, param: String, code: String = "unsupported_params",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let before = await recorder.calls.count
        let reply = try await gateway.post(path, json: body, key: key)
        #expect(reply.status == 400, "\(param): \(reply.body)", sourceLocation: sourceLocation)
        #expect(reply.error?["param"] == .string(param), "\(param): \(reply.body)", sourceLocation: sourceLocation)
        #expect(reply.error?["code"] == .string(code), "\(param): \(reply.body)", sourceLocation: sourceLocation)
        #expect(await recorder.calls.count == before, "\(param): nothing was sent upstream", sourceLocation: sourceLocation)
    }

    /// The JSON of each SSE event of a reply, with its `event:` name.
    static func events(_ reply: TestEndpoint.Reply) -> [(name: String, data: JSON)] {
        reply.events.compactMap { event in
            guard let data = try? JSONParser.parse(event.data) else { return nil }
            return (event.event ?? data["type"]?.stringValue ?? "", data)
        }
    }

    /// Checks a Messages body holding the tool conversation both Anthropic pair tests send: system `be brief`; a user
    /// turn with text and the fixture's image (base64); the assistant's `get_weather` call `id` for Paris; a user turn
    /// with its result `21 degrees` first, then `thanks`; the fixture's tool.
    static func expectAnthropicToolConversation(_ body: JSON, id: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(body["system"] == "be brief", sourceLocation: sourceLocation)
        let messages = body["messages"]?.arrayValue ?? []
        #expect(messages.map { $0["role"]?.stringValue ?? "" } == ["user", "assistant", "user"], "\(messages)", sourceLocation: sourceLocation)
        guard messages.count == 3 else { return }
        #expect(
            messages[0]["content"]?[1]?["source"] == ["type": "base64", "media_type": "image/png", "data": .string(pixel)],
            sourceLocation: sourceLocation)
        let call: JSON = ["type": "tool_use", "id": .string(id), "name": "get_weather", "input": ["city": "Paris"]]
        #expect(messages[1]["content"]?[0] == call, "\(messages[1])", sourceLocation: sourceLocation)
        #expect(
            messages[2]["content"]?[0] == ["type": "tool_result", "tool_use_id": .string(id), "content": "21 degrees"], sourceLocation: sourceLocation
        )
        #expect(messages[2]["content"]?.arrayValue?.last == ["type": "text", "text": "thanks"], sourceLocation: sourceLocation)
        #expect(body["tools"]?[0] == anthropicTool, sourceLocation: sourceLocation)
    }

    static func close(_ value: Double, _ expected: Double) -> Bool { abs(value - expected) <= expected * 1e-9 }

    /// The parameters of the fixture's tool.
    static let toolSchema: JSON = ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]]
    /// A function tool in OpenAI chat's shape.
    static let chatTool: JSON = [
        "type": "function",
        "function": [
            "name": "get_weather", "description": "Weather of a city",
            "parameters": toolSchema,
        ],
    ]
    /// The same tool in Anthropic's shape.
    static let anthropicTool: JSON = [
        "name": "get_weather", "description": "Weather of a city",
        "input_schema": toolSchema,
    ]
    /// The same tool in the Responses API's shape.
    static let responsesTool: JSON = [
        "type": "function", "name": "get_weather", "description": "Weather of a city",
        "parameters": toolSchema,
    ]
    /// A one-pixel PNG, base64.
    static let pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
}
