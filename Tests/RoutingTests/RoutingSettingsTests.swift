import GatewayCore
import Testing

@testable import Routing

/// `router_settings` and the plugin's `config`: defaults, precedence, and bad values that stop startup.
@Suite struct RoutingSettingsTests {
    @Test func defaultsFollowLiteLLM() {
        let settings = RoutingSettings()
        #expect(settings.strategy == .simpleShuffle)
        #expect(settings.allowedFails == 3)
        #expect(settings.cooldownTime == 5)
        #expect(settings.allowedFailsWindow == 60)
        #expect(!settings.healthCheckRouting)
        #expect(settings.healthCheckInterval == 60)
        #expect(settings.stalenessThreshold == 120)
        #expect(settings.latencyTTL == 60)
        #expect(settings.lowestLatencyBuffer == 0)
    }

    @Test func latencyArgumentsAreReadFromRoutingStrategyArgs() throws {
        let router: [String: JSON] = ["routing_strategy_args": ["ttl": 10, "lowest_latency_buffer": "0.5"]]
        let settings = try RoutingPlugin.resolveSettings(configuration: try RoutingPlugin.Configuration(), routerSettings: router)
        #expect(settings.latencyTTL == 10)
        #expect(settings.lowestLatencyBuffer == 0.5)
    }

    @Test func routerSettingsAreReadAndThePluginConfigWins() throws {
        let router: [String: JSON] = [
            "routing_strategy": "latency-based-routing", "allowed_fails": 1, "cooldown_time": 30, "enable_health_check_routing": "true",
            "health_check_interval": 10, "num_retries": 3, "fallbacks": [["a": ["b"]]],
        ]
        let plugin = try RoutingPlugin.Configuration(["cooldown_time": 2.5, "health_check_staleness_threshold": 15])
        let settings = try RoutingPlugin.resolveSettings(configuration: plugin, routerSettings: router)
        #expect(settings.strategy == .latencyBased)
        #expect(settings.allowedFails == 1)
        #expect(settings.cooldownTime == 2.5)
        #expect(settings.healthCheckRouting)
        #expect(settings.healthCheckInterval == 10)
        #expect(settings.stalenessThreshold == 15)
    }

    @Test(arguments: [
        ("routing_strategy", JSON.string("round-robin")), ("allowed_fails", -1), ("allowed_fails", "many"), ("cooldown_time", -5),
        ("allowed_fails_window", 0), ("enable_health_check_routing", "yes"), ("health_check_interval", 0),
        ("health_check_staleness_threshold", .string("soon")), ("routing_strategy", 3), ("routing_strategy_args", JSON.object(["ttl": 0])),
        ("routing_strategy_args", JSON.object(["lowest_latency_buffer": -0.5])), ("routing_strategy_args", JSON.object(["window": 10])),
        ("routing_strategy_args", JSON.string("fast")),
    ])
    func aBadRouterSettingStopsStartupNamingTheKey(_ key: String, _ value: JSON) {
        let error = #expect(throws: ConfigError.self) {
            try RoutingPlugin.resolveSettings(configuration: try RoutingPlugin.Configuration(), routerSettings: [key: value])
        }
        #expect(error?.message.contains("router_settings.\(key)") == true, "\(String(describing: error))")
    }

    @Test func aBadPluginConfigStopsStartupNamingThePluginAndKey() async throws {
        let manifest = try PluginManifest(parsing: Array(#"{"plugins": [{"name": "routing", "config": {"cooldown_time": "never"}}]}"#.utf8))
        let error = await #expect(throws: ConfigError.self) {
            try await PluginRegistry([RoutingPlugin.self]).build(manifest, context: RoutingHarness.context())
        }
        #expect(error?.message.contains("'routing'") == true, "\(String(describing: error))")
        #expect(error?.message.contains("config.cooldown_time") == true, "\(String(describing: error))")

        let unknown = try PluginManifest(parsing: Array(#"{"plugins": [{"name": "routing", "config": {"num_retries": 2}}]}"#.utf8))
        await #expect(throws: ConfigError.self) { try await PluginRegistry([RoutingPlugin.self]).build(unknown, context: RoutingHarness.context()) }
    }

    @Test func thePluginBuildsItsHookHealthServiceAndEndpoint() async throws {
        let manifest = try PluginManifest(parsing: Array(#"{"plugins": [{"name": "routing"}]}"#.utf8))
        let plain = try await PluginRegistry([RoutingPlugin.self]).build(manifest, context: RoutingHarness.context())
        #expect(plain.hooks.count == 1)
        #expect((plain.hooks.first?.hook as? any RoutingHook)?.ordersCandidates == true)
        #expect(plain.adminRoutes.map(\.path) == ["/health", "/routing/deployments"])
        #expect(plain.adminRoutes.allSatisfy { $0.access == .adminOrViewer })
        #expect(plain.services.count == 2, "the sweep and the gauge refresh")
        let withHealth = try await PluginRegistry([RoutingPlugin.self]).build(
            manifest, context: RoutingHarness.context(routerSettings: ["enable_health_check_routing": true]))
        #expect(withHealth.services.count == 3)
    }
}
