import GatewayCore
import GatewayTesting
import Testing

/// Azure deployments to clients of other dialects: Azure's first stream chunk (no choices, only
/// `prompt_filter_results`) and its `finish_reason: content_filter` translate like any OpenAI answer.
struct AzureDialectTests {
    @Test func anthropicClientReadsAzureAnswers() async throws {
        try await AzureUpstream.withRunning { azure, _ in
            let config = AzureGatewayTests.config([
                AzureGatewayTests.entry("gpt-4o", "gpt4o", azure: azure, id: "az-1"),
                AzureGatewayTests.entry("filtered", "filtered-answer", azure: azure, id: "az-2"),
            ])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                for stream in [false, true] {
                    let body: JSON = [
                        "model": "gpt-4o", "max_tokens": 50, "stream": .bool(stream), "messages": [["role": "user", "content": "hello"]],
                    ]
                    let reply = try await gateway.post("/v1/messages", json: body, key: GatewayFixture.masterKey)
                    #expect(reply.status == 200, "stream=\(stream): \(reply.body)")
                    if stream {
                        let texts = reply.eventData.compactMap { try? JSONParser.parse($0) }.compactMap { $0["delta"]?["text"]?.stringValue }
                        #expect(texts.joined().hasPrefix("azure says: hello"), "\(reply.body)")
                        #expect(reply.eventData.contains { $0.contains("message_stop") })
                    } else {
                        #expect(reply.json?["content"]?[0]?["text"]?.stringValue == "azure says: hello")
                    }
                }
                let filtered = try await gateway.post(
                    "/v1/messages", json: ["model": "filtered", "max_tokens": 50, "messages": [["role": "user", "content": "x"]]],
                    key: GatewayFixture.masterKey)
                #expect(filtered.status == 200, "\(filtered.body)")
                // As LiteLLM (and AnthropicResponseTranslatorTests) have it; Anthropic's `refusal` would say more.
                #expect(filtered.json?["stop_reason"]?.stringValue == "end_turn", "\(filtered.body)")
            }
        }
    }

    @Test func anthropicClientGetsAzureToolCalls() async throws {
        try await AzureUpstream.withRunning { azure, _ in
            let config = AzureGatewayTests.config([AzureGatewayTests.entry("tools", "tool-call", azure: azure, id: "az-tools")])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let tool: JSON = [
                    "name": "get_weather", "description": "The weather.",
                    "input_schema": ["type": "object", "properties": ["city": ["type": "string"]]],
                ]
                for stream in [false, true] {
                    let body: JSON = [
                        "model": "tools", "max_tokens": 50, "stream": .bool(stream), "tools": [tool],
                        "messages": [["role": "user", "content": "weather in Paris?"]],
                    ]
                    let reply = try await gateway.post("/v1/messages", json: body, key: GatewayFixture.masterKey)
                    #expect(reply.status == 200, "stream=\(stream): \(reply.body)")
                    if stream {
                        let events = reply.eventData.compactMap { try? JSONParser.parse($0) }
                        #expect(events.contains { $0["content_block"]?["type"]?.stringValue == "tool_use" }, "\(reply.body)")
                        let input = events.compactMap { $0["delta"]?["partial_json"]?.stringValue }.joined()
                        #expect((try? JSONParser.parse(input))?["city"]?.stringValue == "Paris", "\(reply.body)")
                        #expect(events.contains { $0["delta"]?["stop_reason"]?.stringValue == "tool_use" })
                    } else {
                        #expect(reply.json?["content"]?[0]?["type"]?.stringValue == "tool_use", "\(reply.body)")
                        #expect(reply.json?["content"]?[0]?["input"]?["city"]?.stringValue == "Paris")
                        #expect(reply.json?["stop_reason"]?.stringValue == "tool_use")
                    }
                }
            }
        }
    }
}
