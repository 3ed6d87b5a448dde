public import GatewayCore
import Prometheus

/// `prometheus`: Prometheus metrics of every finished request, and `GET /metrics` to scrape them.
///
/// The hook (``RequestMetrics``) records requests, tokens, spend and latencies in the gateway's metrics backend
/// (``PluginContext/metrics``, one registry per gateway) from the log queue, behind the request path. The other
/// plugins record their own gauges in the same backend whether or not this plugin is enabled (remaining budget
/// and rate-limit headroom: budgets; deployment health and cooldown: routing; spend writer queue: spend-log);
/// this plugin serves them all. As in LiteLLM, `/metrics` needs no key unless `require_auth` is set; then it
/// takes an admin or admin-viewer key.
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `require_auth` | bool: `/metrics` takes an admin or admin-viewer key | false |
/// | `max_label_values` | integer ≥ 1: distinct values kept per label (model, deployment, key, team); later ones are `other` | 100 |
/// | `latency_buckets` | array of increasing positive seconds: the histograms' upper bounds (`+Inf` is added) | 0.005 … 300 (15 bounds) |
///
/// Needs a gateway built with a Prometheus backend (``GatewayMetrics/exposition``), as `tollgate serve` is.
public enum PrometheusPlugin: Plugin {
    public static let id = "prometheus"

    /// The content type of Prometheus' text exposition format, version 0.0.4.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public struct Configuration: PluginConfiguration {
        public static let keys: Set<String> = ["require_auth", "max_label_values", "latency_buckets"]
        public var requireAuth = false
        public var maxLabelValues = 100
        public var latencyBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]

        enum CodingKeys: String, CodingKey {
            case requireAuth = "require_auth"
            case maxLabelValues = "max_label_values"
            case latencyBuckets = "latency_buckets"
        }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            requireAuth = try container.decodeIfPresent(Bool.self, forKey: .requireAuth) ?? requireAuth
            maxLabelValues = try container.decodeIfPresent(Int.self, forKey: .maxLabelValues) ?? maxLabelValues
            latencyBuckets = try container.decodeIfPresent([Double].self, forKey: .latencyBuckets) ?? latencyBuckets
            guard maxLabelValues >= 1 else { throw ConfigError("config key 'config.max_label_values' must be at least 1") }
            guard !latencyBuckets.isEmpty, latencyBuckets.allSatisfy({ $0.isFinite && $0 > 0 }),
                zip(latencyBuckets, latencyBuckets.dropFirst()).allSatisfy({ $0 < $1 })
            else { throw ConfigError("config key 'config.latency_buckets' must be a non-empty list of increasing positive seconds") }
        }
    }

    /// - Throws: ``ConfigError`` when the gateway has no Prometheus backend to render.
    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        guard let exposition = context.metrics.exposition else {
            throw ConfigError("plugin 'prometheus' needs the gateway's Prometheus metrics backend, which this server was built without")
        }
        var factory = context.metrics.factory
        if var prometheus = factory as? PrometheusMetricsFactory {
            // Buckets are per metric name in swift-prometheus; this plugin's histograms take the configured ones.
            let buckets = histogramBuckets(configuration.latencyBuckets)
            for name in RequestMetrics.Name.histograms { prometheus.durationHistogramBuckets[name] = buckets }
            factory = prometheus
        }
        let metrics = RequestMetrics(factory: factory, maxLabelValues: configuration.maxLabelValues)
        let endpoint = MetricsEndpoint(exposition: exposition, requireAuth: configuration.requireAuth)
        return PluginComponents(hooks: [metrics], adminRoutes: [endpoint.route])
    }

    /// Bucket bounds in whole nanoseconds, so `le` renders as written (`0.1`, not `0.100000000000000005`).
    static func histogramBuckets(_ seconds: [Double]) -> [Duration] {
        seconds.map { Duration.nanoseconds(Int64(($0 * 1e9).rounded())) }
    }
}
