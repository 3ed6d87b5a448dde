import GatewayCore
import GatewayTesting
import Testing

/// `fallbacks`, `context_window_fallbacks`, `content_policy_fallbacks` and the body's `fallbacks`, across upstreams.
struct FallbackTests {
    let key = RoutingFixture.key

    /// a (500) → b (connection refused) → c (a second upstream), through each group's own fallbacks.
    @Test func groupFallbackChain() async throws {
        try await TestUpstream.withRunning { first, firstRecorder in
            try await TestUpstream.withRunning { second, secondRecorder in
                let config = RoutingFixture.config(
                    [
                        RoutingFixture.entry("a", "status-500", upstream: first), RoutingFixture.entry("b", "echo", upstream: nil, id: "b-refused"),
                        RoutingFixture.entry("c", "echo", upstream: second, id: "c-second"),
                    ], routerSettings: ["fallbacks: [{a: [b]}, {b: [c]}]"])
                try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                    let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("a"), key: key)
                    #expect(reply.status == 200, "\(reply.body)")
                    #expect(await firstRecorder.calls.count == 1)
                    #expect(await secondRecorder.calls.count == 1)
                    #expect(reply.header("x-litellm-model-group") == "c")
                    #expect(reply.header("x-litellm-model-id") == "c-second")
                    #expect(reply.header("x-litellm-attempted-fallbacks") == "2")
                    #expect(reply.header("x-litellm-attempted-retries") == "0")
                }
            }
        }
    }

    @Test func everyFallbackFailingAnswersTheLastFailure() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config(
                [RoutingFixture.entry("a", "status-500", upstream: upstream), RoutingFixture.entry("b", "status-429", upstream: upstream)],
                routerSettings: ["fallbacks: [{a: [b]}]"])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("a"), key: key)
                #expect(reply.status == 429)
                #expect(reply.header("x-litellm-model-group") == "b")
                #expect(await recorder.calls.map(\.model) == ["status-500", "status-429"])
            }
        }
    }

    @Test(arguments: [("context-length", "context_window_fallbacks"), ("content-policy", "content_policy_fallbacks")])
    func specificFallbacks(mode: String, setting: String) async throws {
        for anthropic in [false, true] {
            try await TestUpstream.withRunning { upstream, recorder in
                let config = RoutingFixture.config(
                    [
                        RoutingFixture.entry("small", mode, upstream: upstream, anthropic: anthropic),
                        RoutingFixture.entry("large", "echo", upstream: upstream, id: "large-1"),
                        RoutingFixture.entry("generic", "echo", upstream: upstream, id: "generic-1"),
                    ], routerSettings: ["num_retries: 2", "\(setting): [{small: [large]}]", "fallbacks: [{small: [generic]}]"])
                try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                    let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("small"), key: key)
                    #expect(reply.status == 200, "\(mode) anthropic=\(anthropic): \(reply.body)")
                    #expect(reply.header("x-litellm-model-id") == "large-1")
                    // Not retried, and not sent to the generic fallbacks.
                    #expect(await recorder.calls.map(\.model) == [mode, "echo"])
                }
            }
        }
    }

    @Test func withoutSpecificFallbacksTheClientSeesWhy() async throws {
        try await TestUpstream.withRunning { upstream, _ in
            let config = RoutingFixture.config(
                [
                    RoutingFixture.entry("small", "context-length", upstream: upstream),
                    RoutingFixture.entry("policy", "content-policy", upstream: upstream),
                ])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let context = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("small"), key: key)
                #expect(context.status == 400)
                #expect(context.error?["code"] == "context_length_exceeded")
                let policy = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("policy"), key: key)
                #expect(policy.status == 400)
                #expect(policy.error?["code"] == "content_policy_violation")
            }
        }
    }

    /// The body's `fallbacks` replace the configured ones and never reach the upstream.
    @Test func requestFallbacks() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config(
                [
                    RoutingFixture.entry("a", "status-500", upstream: upstream), RoutingFixture.entry("b", "echo", upstream: upstream, id: "b-1"),
                    RoutingFixture.entry("configured", "echo", upstream: upstream, id: "configured-1"),
                ], routerSettings: ["fallbacks: [{a: [configured]}]"])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("a", extra: ["fallbacks": ["b"]]), key: key)
                #expect(reply.status == 200, "\(reply.body)")
                #expect(reply.header("x-litellm-model-id") == "b-1")
                let calls = await recorder.calls
                #expect(calls.count == 2)
                #expect(calls.allSatisfy { $0.body["fallbacks"] == nil })

                let bad = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("a", extra: ["fallbacks": "b"]), key: key)
                #expect(bad.status == 400)
                #expect(bad.error?["param"] == "fallbacks")
            }
        }
    }
}
