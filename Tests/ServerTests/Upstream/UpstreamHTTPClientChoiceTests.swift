import GatewayCore
import GatewayTesting
import Testing

/// `general_settings.upstream_http_client`: the gateway's own HTTP/1.1 client (the default for `http://` upstreams)
/// and AsyncHTTPClient serve the same answers and fail the same way, in both upstream formats.
@Suite struct UpstreamHTTPClientChoiceTests {
    let key = GatewayFixture.masterKey

    static func withGateway(client: String, _ body: (TestEndpoint, UpstreamRecorder) async throws -> Void) async throws {
        try await GatewayFixture.withGateway(hangTimeout: 0.5, generalSettings: "  upstream_http_client: \(client)", body)
    }

    @Test(arguments: ["lean", "async-http-client"])
    func answersAndStreams(client: String) async throws {
        try await Self.withGateway(client: client) { gateway, recorder in
            for model in ["gpt-test", "claude-test"] {
                let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat(model, "hi there"), key: key)
                #expect(reply.status == 200, "\(client) \(model): \(reply.body)")
                #expect(reply.json?["choices"]?[0]?["message"]?["content"]?.stringValue?.isEmpty == false, "\(reply.body)")
                let stream = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat(model, stream: true), key: key)
                #expect(stream.status == 200)
                #expect(stream.eventData.last == "[DONE]", "\(client) \(model): \(stream.body)")
            }
            // What the upstream received: the deployment's credential, the client's body.
            let calls = await recorder.calls
            #expect(calls.count == 4)
            #expect(calls.allSatisfy { $0.headers.contains { $0.value.contains(GatewayFixture.upstreamKey) } })
        }
    }

    @Test(arguments: ["lean", "async-http-client"])
    func failuresMapTheSame(client: String) async throws {
        try await Self.withGateway(client: client) { gateway, _ in
            let expectations: [(model: String, status: Int, code: String)] = [
                ("refused", 502, "upstream_unreachable"), ("openai-hang", 504, "upstream_timeout"), ("anthropic-hang", 504, "upstream_timeout"),
                ("openai-truncated-body", 502, "upstream_truncated"), ("anthropic-truncated-body", 502, "upstream_truncated"),
                ("openai-status-500", 502, "upstream_error"), ("anthropic-status-429", 429, "rate_limit_exceeded"),
            ]
            for expected in expectations {
                let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat(expected.model), key: key)
                #expect(reply.status == expected.status, "\(client) \(expected.model): \(reply.body)")
                #expect(reply.error?["code"]?.stringValue == expected.code, "\(client) \(expected.model): \(reply.body)")
            }
            for format in ["openai", "anthropic"] {
                let cut = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("\(format)-cut-stream", stream: true), key: key)
                let last = try JSONParser.parse(try #require(cut.eventData.last))
                #expect(last["error"]?["code"] == "upstream_truncated", "\(client) \(format): \(cut.body)")
            }
            // Nothing left behind: the same upstream host still serves.
            #expect(try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: key).status == 200)
        }
    }
}
