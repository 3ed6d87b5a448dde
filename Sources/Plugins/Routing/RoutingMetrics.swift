import CoreMetrics
import GatewayCore
import Synchronization

/// The routing plugin's gauges, one pair per deployment in the catalog.
///
/// | gauge | labels | value |
/// | --- | --- | --- |
/// | `tollgate_deployment_cooldown` | `model`, `deployment` | 1 while cooling down after failures, else 0 |
/// | `tollgate_deployment_healthy` | `model`, `deployment` | 1 if its last health check passed, 0 if it failed; absent before a check |
///
/// A cooldown is set to 1 when it starts (by the request that caused it, or when another instance announces
/// it); everything is refreshed every ``refreshSeconds`` in the background, which is when an ended cooldown goes
/// back to 0 and a health result shows. The label set is the catalog's deployments: gauges of a deployment that
/// leaves it are removed.
final class RoutingMetrics: Sendable {
    static let cooldown = "tollgate_deployment_cooldown"
    static let healthy = "tollgate_deployment_healthy"
    static let refreshSeconds = 5.0

    private struct Gauges: Sendable {
        var cooldown: Gauge
        var healthy: Gauge?
    }

    let factory: any MetricsFactory
    private let gauges = Mutex<[String: Gauges]>([:])

    init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// Records nothing (tests that build the router directly).
    static let disabled = RoutingMetrics(factory: NOOPMetricsHandler.instance)

    /// A cooldown of the deployment just started.
    func coolingDown(_ deployment: Deployment) {
        gauges.withLock { gauges in
            if gauges[deployment.id] == nil { gauges[deployment.id] = make(deployment) }
            gauges[deployment.id]?.cooldown.record(1)
        }
    }

    /// A cooldown another instance started: shown at once on the deployment's gauge, if it has one yet (every
    /// catalog deployment has one after the first refresh).
    func coolingDown(_ deploymentID: String) {
        gauges.withLock { $0[deploymentID]?.cooldown.record(1) }
    }

    /// Sets every deployment's gauges and removes those of deployments no longer listed.
    /// - Parameters:
    ///   - isCoolingDown: whether a deployment (by id) is cooling down now.
    ///   - health: a deployment's last health check result, nil when never checked.
    func refresh(_ deployments: [Deployment], isCoolingDown: (String) -> Bool, health: (String) -> Bool?) {
        gauges.withLock { gauges in
            let listed = Set(deployments.map(\.id))
            for (id, gone) in gauges where !listed.contains(id) {
                gone.cooldown.destroy()
                gone.healthy?.destroy()
                gauges[id] = nil
            }
            for deployment in deployments {
                var current = gauges[deployment.id] ?? make(deployment)
                current.cooldown.record(isCoolingDown(deployment.id) ? 1 : 0)
                if let healthy = health(deployment.id) {
                    if current.healthy == nil { current.healthy = Gauge(label: Self.healthy, dimensions: dimensions(deployment), factory: factory) }
                    current.healthy?.record(healthy ? 1 : 0)
                }
                gauges[deployment.id] = current
            }
        }
    }

    private func make(_ deployment: Deployment) -> Gauges {
        Gauges(cooldown: Gauge(label: Self.cooldown, dimensions: dimensions(deployment), factory: factory))
    }

    private func dimensions(_ deployment: Deployment) -> [(String, String)] {
        [("model", deployment.modelName), ("deployment", deployment.id)]
    }
}
