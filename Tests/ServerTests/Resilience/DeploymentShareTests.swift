import GatewayCore
import GatewayTesting
import Testing

/// A hung upstream holds no more than its deployment's share (`max_parallel_requests`, by default
/// `router_settings.default_max_parallel_requests`, by default `upstream_max_connections_per_host`): calls past it
/// get a 429 at once without reaching it, and the other models on the gateway keep being served.
struct DeploymentShareTests {
    let key = ResilienceFixture.key

    @Test func aHungDeploymentHoldsOnlyItsShare() async throws {
        try await ResilienceFixture.withGateway(heldParams: ["max_parallel_requests: 2"]) { gateway, upstream in
            let held = try await ResilienceFixture.hold(2, on: gateway, upstream: upstream)

            let refused = try await ResilienceFixture.call(gateway, "held")
            #expect(refused.status == 429, "\(refused.body)")
            #expect(refused.error?["code"] == "rate_limit_exceeded")
            #expect(refused.error?["message"]?.stringValue?.contains("max_parallel_requests") == true)
            #expect(refused.header("retry-after") == "1")
            // The other model, on the same upstream host, is served while the hung one is saturated.
            for _ in 0..<5 {
                let reply = try await ResilienceFixture.call(gateway, "quick")
                #expect(reply.status == 200, "\(reply.body)")
            }
            #expect(await upstream.gate.arrived == 2, "the refused call never reached the upstream")

            await upstream.gate.release()
            for call in held { #expect(try await call.value.status == 200) }
            // Its slots came back.
            #expect(try await ResilienceFixture.call(gateway, "held").status == 200)
        }
    }

    /// Without a per-deployment setting the router's default applies: the guarantee needs no plugin and no per-model
    /// configuration.
    @Test func theRouterDefaultAppliesToEveryDeployment() async throws {
        try await ResilienceFixture.withGateway(routerSettings: ["default_max_parallel_requests: 1"]) { gateway, upstream in
            let held = try await ResilienceFixture.hold(1, on: gateway, upstream: upstream)
            #expect(try await ResilienceFixture.call(gateway, "held").status == 429)
            #expect(try await ResilienceFixture.call(gateway, "quick").status == 200)
            await upstream.gate.release()
            #expect(try await held[0].value.status == 200)
        }
    }

    /// A streamed call keeps its deployment slot until the stream ends.
    @Test func aStreamHoldsItsDeploymentSlot() async throws {
        try await ResilienceFixture.withGateway(heldParams: ["max_parallel_requests: 1"]) { gateway, upstream in
            let stream = Task {
                try await ResilienceFixture.call(gateway, "held", stream: true)
            }
            try await withTimeout(seconds: 60) { try await upstream.gate.waitForArrivals(1) }
            #expect(try await ResilienceFixture.call(gateway, "held").status == 429)
            await upstream.gate.release()
            #expect(try await stream.value.body.contains("[DONE]"))
            #expect(try await ResilienceFixture.call(gateway, "held").status == 200)
        }
    }

    /// `upstream_max_connections_per_host` caps the connections to one upstream host: calls past it wait for a
    /// connection instead of opening more.
    @Test func theUpstreamPoolIsCappedPerHost() async throws {
        try await ResilienceFixture.withGateway(
            generalSettings: ["upstream_max_connections_per_host: 2"], heldParams: ["max_parallel_requests: 10"]
        ) { gateway, upstream in
            let held = try await ResilienceFixture.hold(2, on: gateway, upstream: upstream)
            let more = (0..<2).map { _ in
                Task { try await ResilienceFixture.call(gateway, "held") }
            }
            // Time for the two extra calls to reach the pool; with no cap they would reach the upstream.
            try await Task.sleep(for: .milliseconds(500))
            #expect(await upstream.gate.arrived == 2)
            await upstream.gate.release()
            for call in held + more { #expect(try await call.value.status == 200) }
            #expect(await upstream.gate.arrived == 4)
            #expect(await upstream.gate.peakInside <= 2)
        }
    }
}
