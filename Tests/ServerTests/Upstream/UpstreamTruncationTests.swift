import GatewayCore
import GatewayTesting
import Testing

/// An upstream that closes the connection mid-response is reported as such (502 `upstream_truncated`), not as an
/// unreachable upstream; before anything reached the client the attempt is retried or falls back like any 502.
@Suite struct UpstreamTruncationTests {
    let key = GatewayFixture.masterKey

    @Test(arguments: ["openai", "anthropic"])
    func bodyShorterThanItsContentLength(format: String) async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("\(format)-truncated-body"), key: key)
            #expect(reply.status == 502, "\(reply.body)")
            #expect(reply.error?["code"] == "upstream_truncated", "\(reply.body)")
            #expect(reply.error?["message"]?.stringValue?.contains("closed the connection before the whole response arrived") == true)
            #expect(try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("gpt-test"), key: key).status == 200)
        }
    }

    @Test(arguments: ["openai", "anthropic"])
    func streamCutAfterItsFirstChunks(format: String) async throws {
        try await GatewayFixture.withGateway { gateway, _ in
            let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("\(format)-cut-stream", stream: true), key: key)
            #expect(reply.status == 200)
            let last = try JSONParser.parse(try #require(reply.eventData.last))
            #expect(last["error"]?["code"] == "upstream_truncated", "\(reply.body)")
            #expect(last["error"]?["message"]?.stringValue?.contains("closed the connection") == true, "\(reply.body)")
        }
    }

    /// Nothing reached the client yet: the truncated answer is a retryable failure, so the fallback answers.
    @Test func truncatedAnswerFallsBack() async throws {
        let fallbacks = """
            router_settings:
              fallbacks: [{"openai-truncated-body": ["gpt-test"]}]
            """
        try await TestUpstream.withRunning { upstream, recorder in
            try await TestGateway.withRunning(config: GatewayFixture.config(upstream: upstream, extra: fallbacks), plugins: GatewayFixture.authOnly) {
                gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat("openai-truncated-body"), key: key)
                #expect(reply.status == 200, "\(reply.body)")
                #expect(await recorder.count(model: "truncated-body") == 1)
                #expect(await recorder.count(model: "echo") == 1)
            }
        }
    }
}
