import GatewayCore
import GatewayTesting
import Testing

/// A fallback across dialects in the middle of a `/v1/messages` call: the Anthropic deployment fails (natively),
/// the OpenAI one answers (translated), and the client gets Anthropic's format either way.
struct CrossDialectFallbackTests {
    static let body: JSON = ["model": "claude-down", "max_tokens": 100, "messages": [["role": "user", "content": "hello"]]]

    @Test("an Anthropic deployment that fails falls back to an OpenAI one; the client still reads Anthropic", arguments: [false, true])
    func fallbackAcrossDialects(stream: Bool) async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config(
                [
                    RoutingFixture.entry("claude-down", "status-500", upstream: upstream, anthropic: true),
                    RoutingFixture.entry("gpt-up", "echo", upstream: upstream),
                ], routerSettings: ["fallbacks: [{claude-down: [gpt-up]}]"])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                var body = Self.body
                body["stream"] = .bool(stream)
                let reply = try await gateway.post("/v1/messages", json: body, key: RoutingFixture.key)
                #expect(reply.status == 200, "\(reply.body)")
                #expect(reply.header("x-litellm-model-group") == "gpt-up")
                let calls = await recorder.calls
                #expect(calls.map(\.path) == ["/v1/messages", "/v1/chat/completions"], "native to Anthropic first, translated to OpenAI next")
                if stream {
                    let events = AnthropicNativeTests.events(reply.body)
                    #expect(events.first?.name == "message_start" && events.last?.name == "message_stop", "\(events.map(\.name))")
                    let text = AnthropicNativeTests.content(of: events).first?["text"]?.stringValue
                    #expect(text?.contains("upstream says: hello") == true, "\(reply.body)")
                } else {
                    #expect(reply.json?["type"] == "message")
                    #expect(reply.json?["content"]?[0]?["text"]?.stringValue?.contains("upstream says: hello") == true, "\(reply.body)")
                }
            }
        }
    }

    @Test("a /v1/messages field the chat view cannot carry is refused for an OpenAI deployment, or dropped with drop_params")
    func untranslatableFieldsAreNotDroppedSilently() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config([
                RoutingFixture.entry("gpt-strict", "echo", upstream: upstream),
                RoutingFixture.entry("gpt-lenient", "echo", upstream: upstream, extra: "drop_params: true"),
            ])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                var body = Self.body
                body["thinking"] = ["type": "enabled", "budget_tokens": 1024]
                body["model"] = "gpt-strict"
                let refused = try await gateway.post("/v1/messages", json: body, key: RoutingFixture.key)
                #expect(refused.status == 400, "\(refused.body)")
                #expect(refused.json?["error"]?["param"] == "thinking" && refused.json?["error"]?["code"] == "unsupported_params", "\(refused.body)")
                #expect(await recorder.calls.isEmpty, "nothing was sent")

                body["model"] = "gpt-lenient"
                let dropped = try await gateway.post("/v1/messages", json: body, key: RoutingFixture.key)
                #expect(dropped.status == 200, "\(dropped.body)")
                body["thinking"] = ["type": "disabled"]
                body["model"] = "gpt-strict"
                #expect(
                    try await gateway.post("/v1/messages", json: body, key: RoutingFixture.key).status == 200, "disabled thinking asks for nothing")
            }
        }
    }
}
