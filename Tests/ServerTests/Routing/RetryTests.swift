import GatewayCore
import GatewayTesting
import Testing

/// `num_retries`: retryable upstream failures are called again (with backoff), client errors never.
struct RetryTests {
    let key = RoutingFixture.key

    @Test func retriesUntilTheUpstreamAnswers() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config(
                [RoutingFixture.entry("flaky", "flaky-2-status-500", upstream: upstream, id: "flaky-1")], routerSettings: ["num_retries: 2"])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("flaky"), key: key)
                #expect(reply.status == 200, "\(reply.body)")
                #expect(await recorder.count(model: "flaky-2-status-500") == 3)
                #expect(reply.header("x-litellm-attempted-retries") == "2")
                #expect(reply.header("x-litellm-attempted-fallbacks") == "0")
                #expect(reply.header("x-litellm-model-id") == "flaky-1")
                #expect(reply.header("x-litellm-model-group") == "flaky")
            }
        }
    }

    @Test func retriesRunOutAndTheLastFailureIsAnswered() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config(
                [RoutingFixture.entry("broken", "status-500", upstream: upstream, id: "broken-1")], routerSettings: ["num_retries: 2"])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("broken"), key: key)
                #expect(reply.status == 502)
                #expect(reply.error?["code"] == "upstream_error")
                #expect(await recorder.count(model: "status-500") == 3)
                // The headers are sent on errors too.
                #expect(reply.header("x-litellm-attempted-retries") == "2")
                #expect(reply.header("x-litellm-model-id") == "broken-1")
            }
        }
    }

    @Test(arguments: ["status-400", "status-401", "status-404", "context-length"])
    func clientErrorsAreNeverRetried(mode: String) async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config(
                [
                    RoutingFixture.entry("m", mode, upstream: upstream), RoutingFixture.entry("m", mode, upstream: upstream, id: "sibling"),
                    RoutingFixture.entry("other", "echo", upstream: upstream),
                ], routerSettings: ["num_retries: 3", "fallbacks: [{m: [other]}]"])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("m"), key: key)
                #expect(reply.status != 200, "\(mode): \(reply.body)")
                #expect(await recorder.calls.count == 1, "\(mode)")
                #expect(await recorder.count(model: "echo") == 0)
                #expect(reply.header("x-litellm-attempted-retries") == "0")
            }
        }
    }

    /// Each retry waits at least `retry_after`.
    @Test func backoffWaitsAtLeastRetryAfter() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config(
                [RoutingFixture.entry("flaky", "flaky-2-status-500", upstream: upstream)], routerSettings: ["num_retries: 2", "retry_after: 0.3"])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let started = ContinuousClock.now
                let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("flaky"), key: key)
                #expect(reply.status == 200)
                #expect(ContinuousClock.now - started >= .milliseconds(600))
                #expect(await recorder.calls.count == 3)
            }
        }
    }

    /// An upstream 429 saying `retry-after: 1` is waited for, though `retry_after` is shorter.
    @Test func upstreamRetryAfterIsHonoured() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config(
                [RoutingFixture.entry("limited", "flaky-1-status-429", upstream: upstream)], routerSettings: ["num_retries: 1"])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let started = ContinuousClock.now
                let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("limited"), key: key)
                #expect(reply.status == 200, "\(reply.body)")
                #expect(ContinuousClock.now - started >= .milliseconds(950))
                #expect(await recorder.calls.count == 2)
            }
        }
    }

    /// When no retry got past an upstream 429, the client sees the upstream's `retry-after`.
    @Test func upstreamRetryAfterReachesTheClient() async throws {
        try await TestUpstream.withRunning { upstream, _ in
            let config = RoutingFixture.config([RoutingFixture.entry("limited", "flaky-1-status-429", upstream: upstream)])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("limited"), key: key)
                #expect(reply.status == 429, "\(reply.body)")
                #expect(reply.header("retry-after") == "1")
            }
        }
    }

    /// A failed deployment's untried sibling is called next, at once (even with `num_retries: 0`), and the failed
    /// one is not called again in the same request.
    @Test func aRetryGoesToAnUntriedSibling() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config(
                [RoutingFixture.entry("pair", "status-500", upstream: upstream), RoutingFixture.entry("pair", "echo", upstream: upstream)])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                for _ in 0..<4 {
                    let failedBefore = await recorder.count(model: "status-500")
                    let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("pair"), key: key)
                    #expect(reply.status == 200, "\(reply.body)")
                    #expect(reply.header("x-litellm-model-id") == "pair-echo")
                    // simple-shuffle picks either first; the failing one is called at most once per request.
                    #expect(await recorder.count(model: "status-500") - failedBefore <= 1)
                }
                #expect(await recorder.count(model: "echo") == 4)
            }
        }
    }
}
