import AWSSigV4
import GatewayCore
import GatewayTesting
import Testing

/// `bedrock/` deployments in config.yaml, through the whole gateway (the built-in provider, credentials from
/// `os.environ/`), against ``BedrockStandIn``: plain and streamed chat, a throttled deployment, and a cut stream
/// after which the gateway still serves.
struct BedrockGatewayTests {
    static let masterKey = "sk-test-master"

    /// One `model_list` entry: a `bedrock/` deployment on the stand-in at `base`, with the test credentials from
    /// `os.environ/`.
    static func entry(_ name: String, _ model: String, base: String) -> String {
        """
          - model_name: \(name)
            litellm_params:
              model: bedrock/\(model)
              api_base: \(base)
              aws_access_key_id: os.environ/TEST_AWS_KEY_ID
              aws_secret_access_key: os.environ/TEST_AWS_SECRET
              aws_session_token: os.environ/TEST_AWS_TOKEN
              aws_region_name: \(BedrockStandIn.region)
        """
    }

    static func config(base: String) -> String {
        func entry(_ name: String, _ model: String) -> String { Self.entry(name, model, base: base) }
        return """
            model_list:
            \(entry("claude-bedrock", BedrockProviderTests.modelID))
            \(entry("throttled", "x.throttled"))
            \(entry("cut", "x.cut"))
            general_settings:
              master_key: \(masterKey)
            """
    }

    static let environment = [
        "TEST_AWS_KEY_ID": BedrockStandIn.credentials.accessKeyID, "TEST_AWS_SECRET": BedrockStandIn.credentials.secretAccessKey,
        "TEST_AWS_TOKEN": BedrockStandIn.credentials.sessionToken!,
    ]

    @Test func chatThroughTheGatewayPlainStreamedAndFailing() async throws {
        try await BedrockStandIn().withRunning { base in
            try await TestGateway.withRunning(
                config: Self.config(base: base), plugins: #"{"plugins": [{"name": "master-key-auth"}]}"#, environment: Self.environment
            ) { gateway in
                func chat(_ model: String, stream: Bool = false) async throws -> TestEndpoint.Reply {
                    try await gateway.post(
                        "/v1/chat/completions",
                        json: ["model": .string(model), "stream": .bool(stream), "messages": [["role": "user", "content": "Hi"]]],
                        key: Self.masterKey)
                }
                let plain = try await chat("claude-bedrock")
                #expect(plain.status == 200)
                #expect(plain.json?["choices"]?[0]?["message"]?["content"] == "Hello from Bedrock")

                let streamed = try await chat("claude-bedrock", stream: true)
                #expect(streamed.status == 200)
                let text = streamed.eventData.compactMap { try? JSONParser.parse($0)["choices"]?[0]?["delta"]?["content"]?.stringValue }.joined()
                #expect(text == "Hello world")
                #expect(streamed.eventData.last == "[DONE]")

                // An Anthropic client reaches a Bedrock Claude in Anthropic's format, through InvokeModel (BedrockInvokeGatewayTests).
                let messages = try await gateway.post(
                    "/v1/messages", json: ["model": "claude-bedrock", "max_tokens": 50, "messages": [["role": "user", "content": "Hi"]]],
                    key: Self.masterKey)
                #expect(messages.status == 200)
                #expect(messages.json?["type"] == "message")
                #expect(messages.json?["content"]?[0]?["text"] == "Hello from Claude on Bedrock")

                let throttled = try await chat("throttled")
                #expect(throttled.status == 429)
                #expect(!throttled.body.contains(BedrockStandIn.credentials.secretAccessKey))

                let cut = try await chat("cut", stream: true)
                #expect(cut.body.contains("upstream_stream_cut") || cut.body.contains("before it was complete"))
                #expect(try await chat("claude-bedrock").status == 200)
            }
        }
    }
}
