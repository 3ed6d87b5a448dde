import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// Health-aware routing and `GET /health` end to end.
@Suite struct RoutingPluginHealthTests {
    static let healthSettings = [
        "enable_health_check_routing: true", "health_check_interval: 0.3", "health_check_staleness_threshold: 60", "cooldown_time: 0",
    ]

    /// Polls `/health` until `condition` holds for its body (background checks run every 0.3 s), at most 30 s (the suite runs many tests at once).
    static func waitForHealth(_ gateway: TestEndpoint, until condition: (JSON) -> Bool) async throws -> JSON {
        let deadline = Date().addingTimeInterval(30)
        while true {
            let reply = try await gateway.get("/health", key: RoutingPluginFixture.masterKey)
            let body = try #require(reply.json, "\(reply.status) \(reply.body)")
            if condition(body) || Date() > deadline { return body }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    static func ids(_ body: JSON, _ list: String) -> Set<String> {
        Set(body[list]?.arrayValue?.compactMap { $0["model_id"]?.stringValue } ?? [])
    }

    @Test func routingPluginUnhealthyUpstreamStopsReceivingTrafficAndReturnsWhenHealthy() async throws {
        try await RoutingPluginFixture.withGateway(["flaky", "steady"], routerSettings: Self.healthSettings) { gateway, upstreams in
            let flaky = try #require(upstreams["flaky"])
            flaky.set(failing: true)
            let down = try await Self.waitForHealth(gateway) { Self.ids($0, "unhealthy_endpoints") == ["flaky"] }
            #expect(Self.ids(down, "unhealthy_endpoints") == ["flaky"], "\(down)")
            for _ in 0..<20 {
                let reply = try await RoutingPluginFixture.chat(gateway)
                #expect(reply.status == 200, "\(reply.body)")
            }
            #expect(flaky.calls == 0, "an unhealthy deployment receives no traffic")
            #expect(flaky.probes > 0)

            flaky.set(failing: false)
            let up = try await Self.waitForHealth(gateway) { Self.ids($0, "healthy_endpoints") == ["flaky", "steady"] }
            #expect(Self.ids(up, "healthy_endpoints") == ["flaky", "steady"], "\(up)")
            for _ in 0..<40 { #expect(try await RoutingPluginFixture.chat(gateway).status == 200) }
            #expect(flaky.calls > 0, "healthy again, it receives traffic")
        }
    }

    @Test func routingPluginHealthEndpointShowsStatesAndNoSecrets() async throws {
        // Health routing off: `/health` still checks on demand.
        try await RoutingPluginFixture.withGateway(["alive", "dead"]) { gateway, upstreams in
            try #require(upstreams["dead"]).set(failing: true)
            #expect(try await gateway.get("/health").status == 401)
            let reply = try await gateway.get("/health", key: RoutingPluginFixture.masterKey)
            #expect(reply.status == 200, "\(reply.body)")
            let body = try #require(reply.json)
            #expect(body["healthy_count"]?.intValue == 1)
            #expect(body["unhealthy_count"]?.intValue == 1)
            let healthy = try #require(body["healthy_endpoints"]?[0])
            #expect(healthy["model_id"]?.stringValue == "alive")
            #expect(healthy["model_name"]?.stringValue == "pool")
            #expect(healthy["api_base"]?.stringValue?.hasPrefix("http://127.0.0.1:") == true)
            #expect(healthy["last_checked"]?.stringValue != nil)
            let unhealthy = try #require(body["unhealthy_endpoints"]?[0])
            #expect(unhealthy["model_id"]?.stringValue == "dead")
            #expect(unhealthy["error"]?.stringValue?.contains("dead is down") == true, "\(unhealthy)")
            #expect(!reply.body.contains(RoutingPluginFixture.upstreamKey))
            #expect(!reply.body.contains("api_key"))

            // Cached until asked to refresh.
            let probes = try #require(upstreams["dead"]).probes
            _ = try await gateway.get("/health", key: RoutingPluginFixture.masterKey)
            #expect(try #require(upstreams["dead"]).probes == probes)
            try #require(upstreams["dead"]).set(failing: false)
            let refreshed = try await gateway.get("/health?refresh=true", key: RoutingPluginFixture.masterKey)
            #expect(refreshed.json?["healthy_count"]?.intValue == 2, "\(refreshed.body)")
            #expect(try #require(upstreams["dead"]).calls == 0, "probes are not traffic")
        }
    }
}
