import GatewayCore
import Prometheus

/// Renders one gateway's Prometheus registry for `/metrics` (``GatewayMetrics/exposition``).
struct PrometheusExposition: MetricsExposition {
    let registry: PrometheusCollectorRegistry

    func render() -> String { registry.emitToString() }
}
