import Foundation
public import GatewayCore
import Logging
import ServiceLifecycle

/// `routing`: LiteLLM's router. Orders each model group's deployments by a load-balancing strategy, skips
/// deployments that are cooling down after failures and, when enabled, those whose last health check failed.
/// With a store shared by several instances (Postgres), a cooldown one instance starts is announced to the others,
/// which avoid the deployment until the same end (wall-clock time: instances' clocks should agree).
///
/// Settings come from config.yaml's `router_settings` (LiteLLM's keys), each overridable by the same key in
/// this plugin's `config`; see ``RoutingSettings`` for the table. The hook runs health filter → cooldown filter →
/// strategy; the result is every candidate left, best first, and never empty when the group is not.
///
/// Services: a sweep every minute (forgets deployments that left the catalog and cooldowns that ended), the
/// cooldown and health gauges' refresh (``RoutingMetrics``) and, with `enable_health_check_routing`, the
/// background health checks. Endpoint: `GET /health` (admins and viewers).
public enum RoutingPlugin: Plugin {
    public static let id = "routing"

    /// Builds the hook on the wall clock and the system random source.
    /// - Throws: ``ConfigError`` naming the `router_settings` key with a bad value.
    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        try build(configuration: configuration, context: context, random: .system) { Date().timeIntervalSince1970 }.components
    }

    /// Builds the plugin with a given random source and clock (tests pass seeded and manual ones).
    static func build(
        configuration: Configuration, context: PluginContext, random: RandomSource, clock: @escaping @Sendable () -> Double
    ) throws -> (router: DeploymentRouter, components: PluginComponents) {
        let settings = try resolveSettings(configuration: configuration, routerSettings: context.config.routerSettings)
        let registry = HealthRegistry()
        let checker = HealthChecker(
            send: { try await context.upstreams.send($0) }, registry: registry, models: context.models, clock: clock, logger: context.logger,
            alerts: context.alerts)
        let metrics = RoutingMetrics(factory: context.metrics.factory)
        let changes = context.store?.changes
        let router = DeploymentRouter(
            settings: settings, health: settings.healthCheckRouting ? registry : nil, random: random, metrics: metrics, changes: changes,
            clock: clock)
        // Cooldowns other instances started (ids are the same everywhere: config.yaml ones derive from the entry).
        changes?.observe { [weak router] change in
            if case .cooldown(let id, let until) = change { router?.adoptCooldown(id, until: until) }
        }
        let models = context.models
        @Sendable func refreshGauges() {
            metrics.refresh(models.catalog.deployments, isCoolingDown: router.isCoolingDown, health: { registry.result(for: $0)?.healthy })
        }
        var services: [any Service] = [
            PeriodicService(everySeconds: 60, logger: context.logger, failureMessage: "routing state sweep failed") {
                router.sweep(keeping: Set(models.catalog.deployments.map(\.id)))
            },
            PeriodicService(everySeconds: RoutingMetrics.refreshSeconds, logger: context.logger, failureMessage: "routing gauges not refreshed") {
                refreshGauges()
            },
        ]
        refreshGauges()
        if settings.healthCheckRouting {
            services.append(HealthCheckService(checker: checker, interval: settings.healthCheckInterval, logger: context.logger))
        }
        let endpoint = HealthEndpoint(checker: checker, registry: registry, models: context.models)
        context.logger.info(
            "routing",
            metadata: [
                "strategy": .string(settings.strategy.rawValue), "allowed_fails": "\(settings.allowedFails)",
                "cooldown_time": "\(settings.cooldownTime)", "health_check_routing": "\(settings.healthCheckRouting)",
            ])
        let state = RoutingStateEndpoint(router: router, registry: registry, models: context.models)
        return (router, PluginComponents(hooks: [router], services: services, adminRoutes: [endpoint.route, state.route]))
    }

    /// config.yaml's `router_settings` with the plugin's `config` laid over them.
    /// - Throws: ``ConfigError`` naming the key with a bad value and where it was written.
    static func resolveSettings(configuration: Configuration, routerSettings: [String: JSON]) throws -> RoutingSettings {
        let fromYAML = try RoutingSettings().merging(routerSettings) { "config.yaml: router_settings.\($0)" }
        return try configuration.overriding(fromYAML)
    }
}
