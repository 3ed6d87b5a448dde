import GatewayCore
import GatewayTesting
import Testing

/// Order-based fallback across `order` levels, end to end (LiteLLM's `_target_order` finding as a test).
struct OrderFallbackTests {
    let key = RoutingFixture.key

    /// Orders 1, 2, 3: every deployment of 1 and 2 fails, the request reaches 3. Each level's deployments are called
    /// once, in level order (nothing twice: no retries configured), and no level is skipped.
    @Test func ordersOneAndTwoFailTheRequestReachesThree() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config([
                RoutingFixture.entry("tiered", "echo", upstream: upstream, id: "o3", order: 3),
                RoutingFixture.entry("tiered", "status-500", upstream: upstream, id: "o1a", order: 1),
                RoutingFixture.entry("tiered", "not-json", upstream: upstream, id: "o2", order: 2),
                RoutingFixture.entry("tiered", "status-429", upstream: nil, id: "o1b", order: 1),
            ])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("tiered"), key: key)
                #expect(reply.status == 200, "\(reply.body)")
                #expect(reply.header("x-litellm-model-id") == "o3")
                #expect(reply.header("x-litellm-attempted-fallbacks") == "2")
                // o1b's api_base refuses connections, so the upstream saw o1a, then o2, then o3.
                #expect(await recorder.calls.map(\.model) == ["status-500", "not-json", "echo"])
            }
        }
    }

    /// With retries, each level is retried before the next one; still every level once, in order.
    @Test func retriesApplyPerLevel() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config(
                [
                    RoutingFixture.entry("tiered", "status-500", upstream: upstream, id: "o1", order: 1),
                    RoutingFixture.entry("tiered", "status-503", upstream: upstream, id: "o2", order: 2),
                    RoutingFixture.entry("tiered", "echo", upstream: upstream, id: "o3", order: 3),
                ], routerSettings: ["num_retries: 1"])
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("tiered"), key: key)
                #expect(reply.status == 200, "\(reply.body)")
                #expect(await recorder.calls.map(\.model) == ["status-500", "status-500", "status-503", "status-503", "echo"])
                #expect(reply.header("x-litellm-attempted-retries") == "2")
                #expect(reply.header("x-litellm-attempted-fallbacks") == "2")
            }
        }
    }
}
