import GatewayCore
import GatewayTesting
import Testing

/// A caller's model access applies to fallback groups: a group its key may not use is skipped.
struct FallbackAccessTests {
    static let plugins = #"""
        {"plugins": [{"name": "sqlite-store", "config": {"path": "$TMP/tollgate.db"}}, {"name": "master-key-auth"}, {"name": "virtual-keys"}]}
        """#

    @Test func aFallbackTheKeyMayNotUseIsSkipped() async throws {
        try await TestUpstream.withRunning { upstream, recorder in
            let config = RoutingFixture.config(
                [
                    RoutingFixture.entry("a", "status-500", upstream: upstream),
                    RoutingFixture.entry("forbidden", "echo", upstream: upstream, id: "forbidden-1"),
                    RoutingFixture.entry("allowed", "echo", upstream: upstream, id: "allowed-1"),
                ], routerSettings: ["fallbacks: [{a: [forbidden, allowed]}]"])
            try await TestGateway.withRunning(config: config, plugins: Self.plugins) { gateway in
                let generated = try await gateway.post("/key/generate", json: ["models": ["a", "allowed"]], key: RoutingFixture.key)
                let key = try #require(generated.json?["key"]?.stringValue, "\(generated.body)")

                let reply = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("a"), key: key)
                #expect(reply.status == 200, "\(reply.body)")
                #expect(reply.header("x-litellm-model-id") == "allowed-1")
                #expect(reply.header("x-litellm-attempted-fallbacks") == "1")
                #expect(await recorder.calls.count == 2)

                // The master key may use every group: the first fallback answers.
                let master = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("a"), key: RoutingFixture.key)
                #expect(master.header("x-litellm-model-id") == "forbidden-1")

                // A key that may use no fallback sees the requested group's failure.
                let narrow = try await gateway.post("/key/generate", json: ["models": ["a"]], key: RoutingFixture.key)
                let narrowKey = try #require(narrow.json?["key"]?.stringValue)
                let failed = try await gateway.post("/v1/chat/completions", json: RoutingFixture.chat("a"), key: narrowKey)
                #expect(failed.status == 502)
                #expect(failed.header("x-litellm-model-group") == "a")
            }
        }
    }
}
