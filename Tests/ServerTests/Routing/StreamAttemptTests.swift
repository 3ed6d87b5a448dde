import GatewayCore
import GatewayTesting
import Testing

/// A stream is committed at its first chunk: failures before it are retried or fall back, failures after it end the
/// stream with an error event.
struct StreamAttemptTests {
    let key = RoutingFixture.key

    @Test(arguments: [false, true])
    func aStreamFailingBeforeItsFirstChunkIsRetried(anthropic: Bool) async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config(
                [RoutingFixture.entry("s", "flaky-1-empty-stream", upstream: upstream, anthropic: anthropic)], routerSettings: ["num_retries: 1"])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("s", stream: true), key: key)
                #expect(reply.status == 200, "\(reply.body)")
                #expect(reply.eventData.last == "[DONE]", "\(reply.body)")
                #expect(!reply.body.contains("\"error\""))
                #expect(reply.body.contains("upstream"))
                #expect(await recorder.calls.count == 2)
                #expect(reply.header("x-litellm-attempted-retries") == "1")
            }
        }
    }

    @Test func aStreamThatNeverStartsFallsBack() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config(
                [
                    RoutingFixture.entry("silent", "slow-first-chunk", upstream: upstream, extra: "stream_timeout: 0.3"),
                    RoutingFixture.entry("backup", "echo", upstream: upstream, id: "backup-1"),
                ], routerSettings: ["fallbacks: [{silent: [backup]}]"])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("silent", stream: true), key: key)
                #expect(reply.status == 200, "\(reply.body)")
                #expect(reply.header("x-litellm-model-id") == "backup-1")
                #expect(reply.eventData.last == "[DONE]")
                #expect(await recorder.calls.map(\.model) == ["slow-first-chunk", "echo"])
            }
        }
    }

    /// After the first chunk went out, nothing is retried: the stream ends with an error event (no silent truncation).
    @Test func aStreamFailingAfterItsFirstChunkEndsWithAnErrorEvent() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config(
                [RoutingFixture.entry("cut", "cut-stream", upstream: upstream), RoutingFixture.entry("backup", "echo", upstream: upstream)],
                routerSettings: ["num_retries: 2", "fallbacks: [{cut: [backup]}]"])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("cut", stream: true), key: key)
                #expect(reply.status == 200)
                let data = reply.eventData
                #expect(!data.contains("[DONE]"))
                let last = try JSONParser.parse(try #require(data.last))
                #expect(last["error"]?["code"]?.stringValue?.hasPrefix("upstream_") == true, "\(reply.body)")
                #expect(await recorder.calls.count == 1)
            }
        }
    }
}
