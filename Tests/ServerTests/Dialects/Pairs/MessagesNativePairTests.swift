import GatewayCore
import GatewayTesting
import Testing

/// `/v1/messages` to an Anthropic deployment: what only Anthropic can express (documents with citations, server
/// tools, `cache_control` on blocks and tools, `redacted_thinking`) reaches it as sent, where any other deployment
/// would refuse it (``MessagesTranslationPairTests``).
struct MessagesNativePairTests {
    typealias Fixture = TranslationPairFixture

    @Test("Messages → Anthropic: documents with citations, server tools, cache_control and redacted thinking go as sent")
    func anthropicOnlyFeaturesGoAsSent() async throws {
        try await Fixture.withGateway { gateway, recorder in
            let cache: JSON = ["type": "ephemeral"]
            var tool = Fixture.anthropicTool
            tool["cache_control"] = cache
            let body: JSON = [
                "model": "claude", "max_tokens": 100, "tools": [tool, ["type": "web_search_20250305", "name": "web_search", "max_uses": 2]],
                "system": [["type": "text", "text": "be brief", "cache_control": cache]],
                "messages": [
                    [
                        "role": "user",
                        "content": [
                            [
                                "type": "document", "source": ["type": "text", "media_type": "text/plain", "data": "Paris is in France."],
                                "title": "Atlas", "citations": ["enabled": true], "cache_control": cache,
                            ],
                            ["type": "text", "text": "where is Paris?"],
                        ],
                    ],
                    ["role": "assistant", "content": [["type": "redacted_thinking", "data": "EmwKAhgB"], ["type": "text", "text": "In France."]]],
                    ["role": "user", "content": "thanks"],
                ],
            ]
            let reply = try await gateway.post("/v1/messages", json: body, key: Fixture.key)
            #expect(reply.status == 200, "\(reply.body)")
            let call = try #require(await recorder.last)
            #expect(call.path == "/v1/messages")
            var expected = body
            expected["model"] = "echo"
            #expect(call.body == expected, "the body as sent, apart from model")
        }
    }

    @Test("Messages → Anthropic: a server tool counts for the tool allowlist by its name")
    func serverToolsAreGoverned() async throws {
        try await KeyTestGateway.withToolAllowlist(.sqlite) { gateway in
            let key = try await gateway.toolKey(["get_weather"])
            var body = ToolRequests.messages(model: "claude-test", tools: ["get_weather"])
            #expect(try await gateway.messages(body, key: key).status == 200)
            body["tools"] = .array((body["tools"]?.arrayValue ?? []) + [["type": "web_search_20250305", "name": "web_search"]])
            let denied = try await gateway.messages(body, key: key)
            #expect(denied.isToolDenial(naming: ["web_search"]), "\(denied.body)")
        }
    }
}
