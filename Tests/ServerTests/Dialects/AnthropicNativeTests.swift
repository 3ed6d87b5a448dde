import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// `/v1/messages` to an Anthropic deployment passes through: the body reaches the upstream as the client sent it
/// (only `model` set), and the answer, whole or streamed, comes back as the upstream sent it, so Claude's extended
/// thinking survives a multi-turn tool conversation (``ThinkingUpstream`` refuses a turn whose signed thinking did not
/// come back intact, as Anthropic does).
struct AnthropicNativeTests {
    static let tools: JSON = [
        [
            "name": "get_weather", "description": "Weather of a city",
            "input_schema": ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]],
            "cache_control": ["type": "ephemeral"],
        ]
    ]

    /// A first turn with what the chat shape cannot hold: thinking, `cache_control`, a field no version knows yet.
    static func firstTurn(stream: Bool = false, question: String = "What is the weather in Paris?") -> JSON {
        [
            "model": "claude-thinking", "max_tokens": 2048, "stream": .bool(stream),
            "thinking": ["type": "enabled", "budget_tokens": 1024],
            "system": [["type": "text", "text": "You are a weather bot.", "cache_control": ["type": "ephemeral", "ttl": "1h"]]],
            "tools": tools, "future_field": ["kept": true],
            "messages": [["role": "user", "content": .string(question)]],
        ]
    }

    /// The second turn: the first turn's assistant content sent back, and the tool's result.
    static func secondTurn(after first: JSON, assistant content: JSON, stream: Bool = false) -> JSON {
        var body = first
        body["stream"] = .bool(stream)
        var messages = first["messages"]?.arrayValue ?? []
        messages.append(["role": "assistant", "content": content])
        messages.append(["role": "user", "content": [["type": "tool_result", "tool_use_id": "toolu_01", "content": "21 degrees"]]])
        body["messages"] = .array(messages)
        return body
    }

    static func withGateway(plugins: String = GatewayFixture.authOnly, _ body: (TestEndpoint, ThinkingUpstream) async throws -> Void) async throws {
        try await ThinkingUpstream.withRunning { upstream, thinking in
            let config = """
                model_list:
                  - model_name: claude-thinking
                    litellm_params: {model: anthropic/claude-sonnet-4-5, api_base: "\(upstream.baseURL)", api_key: sk-ant-upstream, timeout: 30}
                    model_info: {input_cost_per_token: 0.000003, output_cost_per_token: 0.000015}
                  - model_name: gpt-elsewhere
                    litellm_params: {model: openai/gpt-4o, api_base: "\(upstream.baseURL)/v1", api_key: sk-openai-upstream}
                general_settings:
                  master_key: \(GatewayFixture.masterKey)
                """
            try await TestGateway.withRunning(config: config, plugins: plugins) { gateway in try await body(gateway, thinking) }
        }
    }

    @Test("a turn reaches Anthropic as sent (thinking, cache_control, unknown fields, anthropic-beta) and its answer comes back whole")
    func plainTurnPassesThrough() async throws {
        try await Self.withGateway { gateway, upstream in
            let sent = Self.firstTurn()
            let reply = try await gateway.post(
                "/v1/messages", json: sent, key: GatewayFixture.masterKey,
                headers: ["anthropic-version": "2023-06-01", "anthropic-beta": "interleaved-thinking-2025-05-14"])
            #expect(reply.status == 200, "\(reply.body)")
            let call = try #require(upstream.calls.last)
            var expected = sent
            expected["model"] = "claude-sonnet-4-5"
            #expect(call.body == expected, "the body went upstream as sent, only the model set")
            #expect(call.headers["anthropic-beta"] == "interleaved-thinking-2025-05-14")
            #expect(call.headers["anthropic-version"] == "2023-06-01")
            #expect(call.headers["x-api-key"] == "sk-ant-upstream")

            let answer = try #require(reply.json)
            #expect(answer["type"] == "message" && answer["id"]?.stringValue?.hasPrefix("msg_") == true)
            let thinking = try #require(answer["content"]?[0])
            #expect(thinking["type"] == "thinking")
            #expect(upstream.verifies(thinking["thinking"]?.stringValue ?? "", thinking["signature"]?.stringValue), "the signature came back intact")
            #expect(answer["content"]?[1]?["type"] == "tool_use")
            #expect(answer["usage"]?["cache_read_input_tokens"] == 0, "Anthropic's usage fields as sent")
            // Priced from the usage, as any answer: 20 input and 12 output tokens.
            #expect(reply.header("x-litellm-response-cost").flatMap(Double.init).map { abs($0 - (20 * 0.000003 + 12 * 0.000015)) < 1e-12 } == true)
        }
    }

    @Test("a multi-turn tool conversation with extended thinking: the signed thinking goes back intact, plain and streamed")
    func multiTurnWithThinking() async throws {
        try await Self.withGateway { gateway, upstream in
            let first = Self.firstTurn()
            let turn = try await gateway.post("/v1/messages", json: first, key: GatewayFixture.masterKey)
            let content = try #require(turn.json?["content"])
            let second = try await gateway.post(
                "/v1/messages", json: Self.secondTurn(after: first, assistant: content), key: GatewayFixture.masterKey)
            #expect(second.status == 200, "\(second.body)")
            #expect(second.json?["content"]?[1]?["text"] == "21 degrees in Paris.")

            // The upstream is as strict as Anthropic: a turn without its thinking is refused, and the client sees why.
            var stripped = content
            stripped = .array(Array((content.arrayValue ?? []).dropFirst()))
            let refused = try await gateway.post(
                "/v1/messages", json: Self.secondTurn(after: first, assistant: stripped), key: GatewayFixture.masterKey)
            #expect(refused.status == 400, "\(refused.body)")
            #expect(refused.body.contains("thinking"), "\(refused.body)")

            // Streamed: the events arrive as the upstream sent them, and the content they build goes back as well.
            let streamed = try await gateway.post("/v1/messages", json: Self.firstTurn(stream: true), key: GatewayFixture.masterKey)
            #expect(streamed.status == 200)
            let events = Self.events(streamed.body)
            #expect(
                events.map(\.name) == [
                    "message_start", "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta",
                    "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_delta",
                    "content_block_delta", "content_block_delta", "content_block_stop", "content_block_start", "content_block_delta",
                    "content_block_stop", "message_delta", "message_stop",
                ], "\(events.map(\.name))")
            let rebuilt = Self.content(of: events)
            #expect(
                rebuilt[0]["type"] == "thinking" && upstream.verifies(rebuilt[0]["thinking"]?.stringValue ?? "", rebuilt[0]["signature"]?.stringValue)
            )
            let next = try await gateway.post(
                "/v1/messages", json: Self.secondTurn(after: Self.firstTurn(), assistant: .array(rebuilt), stream: true),
                key: GatewayFixture.masterKey)
            #expect(next.status == 200, "\(next.body)")
            #expect(Self.events(next.body).last?.name == "message_stop")
        }
    }

    @Test("a masking guardrail rewrites the text where it lives in the Anthropic body; everything else goes as sent")
    func maskingCarriesOverToTheNativeBody() async throws {
        let plugins = """
            {"plugins": [{"name": "master-key-auth"}, {"name": "guardrails", "config": {"guardrails": [
              {"name": "mask-email", "kind": "pii", "entities": ["email"], "action": "mask", "default_on": true}]}}]}
            """
        try await Self.withGateway(plugins: plugins) { gateway, upstream in
            let sent = Self.firstTurn(question: "Mail bob@example.com the weather in Paris")
            let reply = try await gateway.post("/v1/messages", json: sent, key: GatewayFixture.masterKey)
            #expect(reply.status == 200, "\(reply.body)")
            let call = try #require(upstream.calls.last)
            let text = try #require(call.body["messages"]?[0]?["content"]?.stringValue)
            #expect(!text.contains("bob@example.com") && text.hasPrefix("Mail ") && text.hasSuffix(" the weather in Paris"), "\(text)")
            var expected = sent
            expected["model"] = "claude-sonnet-4-5"
            expected["messages"] = [["role": "user", "content": .string(text)]]
            #expect(call.body == expected, "only the masked text changed")
        }
    }

    @Test("count_tokens: Anthropic's count for an Anthropic deployment, the gateway's marked estimate elsewhere")
    func countTokens() async throws {
        try await Self.withGateway { gateway, _ in
            var body = Self.firstTurn()
            body["max_tokens"] = nil
            body["stream"] = nil
            let counted = try await gateway.post("/v1/messages/count_tokens", json: body, key: GatewayFixture.masterKey)
            #expect(counted.status == 200, "\(counted.body)")
            // The thinking upstream counts the characters of the messages it got: proof the count came from it.
            #expect(counted.json?["input_tokens"]?.intValue == body["messages"]?.serializedString().count)
            #expect(counted.header("x-tollgate-token-count-estimated") == nil)

            body["model"] = "gpt-elsewhere"
            let estimated = try await gateway.post("/v1/messages/count_tokens", json: body, key: GatewayFixture.masterKey)
            #expect(estimated.status == 200, "\(estimated.body)")
            #expect((estimated.json?["input_tokens"]?.intValue ?? 0) > 10)
            #expect(estimated.header("x-tollgate-token-count-estimated") == "true")

            body["model"] = "no-such-model"
            #expect(try await gateway.post("/v1/messages/count_tokens", json: body, key: GatewayFixture.masterKey).status == 404)
            #expect(try await gateway.post("/v1/messages/count_tokens", json: body, key: "sk-wrong").status == 401)
        }
    }

    /// The events of an SSE body, by name, with their data.
    static func events(_ body: String) -> [(name: String, data: JSON)] {
        var parser = SSEParser()
        var events = parser.feed(bytes: Array(body.utf8))
        if let last = parser.finish() { events.append(last) }
        return events.map { ($0.event ?? "", (try? JSONParser.parse($0.data)) ?? .null) }
    }

    /// The content blocks a stream builds, as the Anthropic SDK accumulates them.
    static func content(of events: [(name: String, data: JSON)]) -> [JSON] {
        var blocks: [JSON] = []
        var partialJSON: [Int: String] = [:]
        for (name, data) in events {
            let index = data["index"]?.intValue ?? 0
            switch name {
            case "content_block_start":
                blocks.append(data["content_block"] ?? [:])
            case "content_block_delta" where index < blocks.count:
                let delta = data["delta"] ?? [:]
                switch delta["type"]?.stringValue {
                case "thinking_delta":
                    blocks[index]["thinking"] = .string((blocks[index]["thinking"]?.stringValue ?? "") + (delta["thinking"]?.stringValue ?? ""))
                case "signature_delta": blocks[index]["signature"] = delta["signature"] ?? ""
                case "text_delta": blocks[index]["text"] = .string((blocks[index]["text"]?.stringValue ?? "") + (delta["text"]?.stringValue ?? ""))
                case "input_json_delta": partialJSON[index, default: ""] += delta["partial_json"]?.stringValue ?? ""
                default: break
                }
            default:
                break
            }
        }
        for (index, json) in partialJSON where index < blocks.count { blocks[index]["input"] = (try? JSONParser.parse(json)) ?? [:] }
        return blocks
    }
}
