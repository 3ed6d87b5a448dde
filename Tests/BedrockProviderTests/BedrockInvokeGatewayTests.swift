import AWSSigV4
import GatewayCore
import GatewayTesting
import Synchronization
import Testing

/// `/v1/messages` to `bedrock/` Claude deployments through the whole gateway, against ``BedrockStandIn``'s InvokeModel
/// and InvokeModelWithResponseStream: the body reaches Bedrock as the client sent it (no `model`, no `stream`,
/// `anthropic_version` and `anthropic_beta` added), the answer and the events reach the client as Bedrock sent them,
/// signed thinking survives a multi-turn tool conversation, and mid-stream failures are clear errors.
struct BedrockInvokeGatewayTests {
    static let key = BedrockGatewayTests.masterKey
    static let claude = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"

    static func config(base: String) -> String {
        func entry(_ name: String, _ model: String) -> String { BedrockGatewayTests.entry(name, model, base: base) }
        return """
            model_list:
            \(entry("claude-native", claude))
            \(entry("claude-stream-throttled", "anthropic.claude-x-stream-throttled"))
            \(entry("claude-stream-error", "eu.anthropic.claude-x-stream-error"))
            \(entry("claude-cut", "anthropic.claude-x-cut"))
            \(entry("llama", "meta.llama3-1-70b-instruct-v1:0"))
            general_settings:
              master_key: \(key)
            """
    }

    /// Runs the gateway in front of a fresh stand-in.
    static func withGateway(_ body: (TestEndpoint, BedrockStandIn) async throws -> Void) async throws {
        let standIn = BedrockStandIn()
        try await standIn.withRunning { base in
            try await TestGateway.withRunning(
                config: config(base: base), plugins: #"{"plugins": [{"name": "master-key-auth"}]}"#, environment: BedrockGatewayTests.environment
            ) { gateway in try await body(gateway, standIn) }
        }
    }

    static let weatherTool: JSON = [
        "name": "get_weather", "description": "Weather of a city", "cache_control": ["type": "ephemeral"],
        "input_schema": ["type": "object", "properties": ["city": ["type": "string"]], "required": ["city"]],
    ]

    /// A first turn with thinking, cache_control on the system prompt and the tool, and a document.
    static func firstTurn(model: String = "claude-native", stream: Bool = false) -> JSON {
        [
            "model": .string(model), "max_tokens": 2048, "stream": .bool(stream), "thinking": ["type": "enabled", "budget_tokens": 1024],
            "system": [["type": "text", "text": "You are a weather bot.", "cache_control": ["type": "ephemeral"]]],
            "tools": [weatherTool],
            "messages": [
                [
                    "role": "user",
                    "content": [
                        [
                            "type": "document", "source": ["type": "text", "media_type": "text/plain", "data": "Paris is in France."],
                            "title": "Atlas",
                        ],
                        ["type": "text", "text": "What is the weather in Paris?"],
                    ],
                ]
            ],
        ]
    }

    @Test("a whole /v1/messages turn reaches InvokeModel as sent, less model and stream, and its bytes come back unchanged")
    func wholeTurnPassesThrough() async throws {
        try await Self.withGateway { gateway, standIn in
            let sent = Self.firstTurn()
            let reply = try await gateway.post(
                "/v1/messages", json: sent, key: Self.key,
                headers: ["anthropic-version": "2023-06-01", "anthropic-beta": "interleaved-thinking-2025-05-14, token-efficient-tools-2025-02-19"])
            #expect(reply.status == 200, "\(reply.body)")
            let call = try #require(standIn.received.withLock { $0.last })
            #expect(call.path == "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke")
            var expected = sent
            expected = .object((sent.objectValue ?? [:]).filter { $0.key != "model" && $0.key != "stream" })
            expected["anthropic_version"] = "bedrock-2023-05-31"
            expected["anthropic_beta"] = ["interleaved-thinking-2025-05-14", "token-efficient-tools-2025-02-19"]
            #expect(call.body == expected, "the body went to Bedrock as sent, cache_control and the document included")
            #expect(call.headers["anthropic-version"] == nil && call.headers["anthropic-beta"] == nil, "Bedrock takes them in the body")

            let id = try #require(reply.json?["id"]?.stringValue)
            #expect(BedrockStandIn.sentAnswers.withLock { $0[id] } == [reply.body], "the answer's bytes as Bedrock sent them")
            #expect(reply.json?["content"]?[0]?["type"] == "thinking" && reply.json?["content"]?[1]?["type"] == "tool_use")
            #expect(reply.json?["usage"]?["cache_read_input_tokens"] == 8)
            #expect(reply.header("x-litellm-response-cost").flatMap(Double.init).map { $0 > 0 } == true, "priced from the usage")
        }
    }

    @Test("a streamed /v1/messages turn goes to InvokeModelWithResponseStream and each event reaches the client as Bedrock sent it")
    func streamedEventsPassThrough() async throws {
        try await Self.withGateway { gateway, standIn in
            let reply = try await gateway.post("/v1/messages", json: Self.firstTurn(stream: true), key: Self.key)
            #expect(reply.status == 200, "\(reply.body)")
            let call = try #require(standIn.received.withLock { $0.last })
            #expect(call.path == "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke-with-response-stream")
            #expect(call.body["stream"] == nil && call.body["model"] == nil && call.body["anthropic_version"] == "bedrock-2023-05-31")

            let events = reply.events
            let start = try #require(events.first.flatMap { try? JSONParser.parse($0.data) })
            let id = try #require(start["message"]?["id"]?.stringValue)
            let sent = try #require(BedrockStandIn.sentAnswers.withLock { $0[id] })
            #expect(events.map(\.data) == sent, "every event's data as sent, in order, none added")
            #expect(events.map(\.event) == sent.map { try? JSONParser.parse($0)["type"]?.stringValue }, "each named by its type")
            #expect(sent.contains { $0.contains("signature_delta") } && sent.last?.contains("amazon-bedrock-invocationMetrics") == true)
        }
    }

    @Test("a multi-turn tool conversation with extended thinking: the signed thinking goes back intact; without it, Bedrock refuses")
    func multiTurnWithThinking() async throws {
        try await Self.withGateway { gateway, standIn in
            let first = Self.firstTurn()
            let turn = try await gateway.post("/v1/messages", json: first, key: Self.key)
            let content = try #require(turn.json?["content"])
            func second(_ assistant: JSON) -> JSON {
                var body = first
                body["messages"] = .array(
                    (first["messages"]?.arrayValue ?? []) + [
                        ["role": "assistant", "content": assistant],
                        ["role": "user", "content": [["type": "tool_result", "tool_use_id": content[1]?["id"] ?? "", "content": "21 degrees"]]],
                    ])
                return body
            }
            let answered = try await gateway.post("/v1/messages", json: second(content), key: Self.key)
            #expect(answered.status == 200, "\(answered.body)")
            #expect(answered.json?["content"]?[1]?["text"] == "21 degrees in Paris.")
            #expect(standIn.received.withLock { $0.last?.body["messages"]?[1]?["content"] } == content, "the assistant turn went back as it came")

            let stripped = JSON.array(Array((content.arrayValue ?? []).dropFirst()))
            let refused = try await gateway.post("/v1/messages", json: second(stripped), key: Self.key)
            #expect(refused.status == 400, "\(refused.body)")
            #expect(refused.body.contains("thinking"), "Bedrock's message reaches the client")
        }
    }

    @Test("an exception mid-stream or a cut stream is a clear error, and the gateway keeps serving")
    func midStreamFailures() async throws {
        try await Self.withGateway { gateway, _ in
            func stream(_ model: String) async throws -> TestEndpoint.Reply {
                try await gateway.post(
                    "/v1/messages",
                    json: ["model": .string(model), "max_tokens": 50, "stream": true, "messages": [["role": "user", "content": "Hi"]]], key: Self.key)
            }
            let throttled = try await stream("claude-stream-throttled")
            #expect(throttled.body.contains("Too many tokens") && throttled.body.contains("rate"), "\(throttled.body)")
            let failed = try await stream("claude-stream-error")
            #expect(failed.body.contains("modelStreamErrorException"), "\(failed.body)")
            let cut = try await stream("claude-cut")
            #expect(cut.body.contains("event: error") && cut.body.contains("ended inside a message"), "\(cut.body)")
            #expect(!(throttled.body + failed.body + cut.body).contains(BedrockStandIn.credentials.secretAccessKey))
            let healthy = try await stream("claude-native")
            #expect(healthy.events.last?.event == "message_stop")
        }
    }

    @Test("/v1/messages to a Bedrock model of another family goes through Converse, and refuses what chat cannot carry")
    func otherModelsTranslate() async throws {
        try await Self.withGateway { gateway, standIn in
            let plain = try await gateway.post(
                "/v1/messages", json: ["model": "llama", "max_tokens": 50, "messages": [["role": "user", "content": "Hi"]]], key: Self.key)
            #expect(plain.status == 200 && plain.json?["content"]?[0]?["text"] == "Hello from Bedrock", "\(plain.body)")
            #expect(standIn.received.withLock { $0.last?.path }?.hasSuffix("/converse") == true)
            var document = Self.firstTurn(model: "llama")
            document["thinking"] = nil as JSON?
            let refused = try await gateway.post("/v1/messages", json: document, key: Self.key)
            #expect(refused.status == 400 && refused.body.contains("messages[0].content[0]"), "a document is not dropped silently: \(refused.body)")
        }
    }

    @Test("OpenAI chat to a Bedrock Claude still goes through Converse")
    func openAIChatStaysOnConverse() async throws {
        try await Self.withGateway { gateway, standIn in
            let reply = try await gateway.post(
                "/v1/chat/completions", json: ["model": "claude-native", "messages": [["role": "user", "content": "Hi"]]], key: Self.key)
            #expect(reply.status == 200, "\(reply.body)")
            #expect(reply.json?["choices"]?[0]?["message"]?["content"] == "Hello from Bedrock")
            #expect(standIn.received.withLock { $0.last?.path }?.hasSuffix("/converse") == true)
        }
    }
}
