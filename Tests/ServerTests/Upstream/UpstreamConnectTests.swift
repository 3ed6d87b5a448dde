import GatewayCore
import GatewayTesting
import Testing

/// A deployment whose host refuses the connection fails at once, and the next deployment or fallback is called at
/// once; one whose host never answers fails after `upstream_connect_timeout_seconds`, not the deployment's timeout.
@Suite struct UpstreamConnectTests {
    /// Models: `refused` (a closed loopback port), `refused-first` (the closed port at `order: 1`, the test upstream at
    /// `order: 2`), `refused-with-fallback` (falls back to `gpt-test`); the same three with `silent` for a host that
    /// never answers. Every deployment's timeout is 15 s, far above what a test waits.
    static func config(upstream: TestEndpoint, closedPort: Int, silentPort: Int, connectTimeout: Double?) -> String {
        func entry(_ name: String, base: String, order: Int? = nil) -> String {
            """
              - model_name: \(name)
                litellm_params:
                  model: openai/echo
                  api_base: \(base)
                  api_key: \(GatewayFixture.upstreamKey)
                  timeout: 15
            \(order.map { "      order: \($0)" } ?? "")
            """
        }
        let healthy = "\(upstream.baseURL)/v1"
        var models = [entry("gpt-test", base: healthy)]
        for (prefix, port) in [("refused", closedPort), ("silent", silentPort)] {
            let dead = "http://127.0.0.1:\(port)/v1"
            models += [
                entry(prefix, base: dead), entry("\(prefix)-first", base: dead, order: 1), entry("\(prefix)-first", base: healthy, order: 2),
                entry("\(prefix)-with-fallback", base: dead),
            ]
        }
        return """
            model_list:
            \(models.joined(separator: "\n"))
            router_settings:
              fallbacks: [{"refused-with-fallback": ["gpt-test"]}, {"silent-with-fallback": ["gpt-test"]}]
            general_settings:
              master_key: \(GatewayFixture.masterKey)
            \(connectTimeout.map { "  upstream_connect_timeout_seconds: \($0)" } ?? "")
            """
    }

    static func withGateway(connectTimeout: Double? = nil, _ body: (TestEndpoint) async throws -> Void) async throws {
        let silent = try SilentListener()
        defer { silent.stop() }
        let closedPort = try FreeLoopbackPort.pick()
        try await TestUpstream.withRunning { upstream, _ in
            let config = config(upstream: upstream, closedPort: closedPort, silentPort: silent.port, connectTimeout: connectTimeout)
            try await TestGateway.withRunning(config: config, plugins: GatewayFixture.authOnly) { gateway in
                try await body(gateway)
            }
        }
    }

    /// The reply and how long it took.
    static func timed(_ gateway: TestEndpoint, _ model: String) async throws -> (TestEndpoint.Reply, Duration) {
        let start = ContinuousClock.now
        let reply = try await gateway.post("/v1/chat/completions", json: GatewayFixture.chat(model), key: GatewayFixture.masterKey)
        return (reply, ContinuousClock.now - start)
    }

    @Test func refusedConnectionFailsAtOnceAndTheNextDeploymentIsCalledAtOnce() async throws {
        // A long connect timeout: a refusal must not wait for it. Alone each request takes a few milliseconds; the bounds
        // are loose because the whole suite shares two event-loop threads on a loaded machine (seconds of queueing were
        // seen), and still below the 10 s each deployment took before the fix (the client retried the refused connect
        // until its connect timeout). The message tells the two apart in any case.
        try await Self.withGateway(connectTimeout: 30) { gateway in
            let (refused, refusedTime) = try await Self.timed(gateway, "refused")
            #expect(refused.status == 502, "\(refused.body)")
            #expect(refused.error?["code"] == "upstream_unreachable")
            #expect(refused.error?["message"]?.stringValue?.contains("connection refused") == true, "\(refused.body)")
            #expect(refusedTime < .seconds(9), "a refused connection took \(refusedTime)")

            for model in ["refused-first", "refused-with-fallback"] {
                let (reply, time) = try await Self.timed(gateway, model)
                #expect(reply.status == 200, "\(model): \(reply.body)")
                #expect(time < .seconds(9), "\(model): answered after \(time)")
            }
        }
    }

    @Test func silentHostFailsAfterTheConnectTimeout() async throws {
        try await Self.withGateway(connectTimeout: 1) { gateway in
            let (silent, silentTime) = try await Self.timed(gateway, "silent")
            #expect(silent.status == 504, "\(silent.body)")
            #expect(silent.error?["code"] == "upstream_timeout")
            #expect(silent.error?["message"]?.stringValue?.contains("did not accept a connection within 1 seconds") == true, "\(silent.body)")
            // About 1 s alone; before the fix the client's fixed 10 s connect timeout (and a message about the deployment's timeout).
            #expect(silentTime >= .milliseconds(900) && silentTime < .seconds(9), "the silent host failed after \(silentTime)")

            for model in ["silent-first", "silent-with-fallback"] {
                let (reply, time) = try await Self.timed(gateway, model)
                #expect(reply.status == 200, "\(model): \(reply.body)")
                #expect(time < .seconds(9), "\(model): answered after \(time)")
            }
        }
    }
}
