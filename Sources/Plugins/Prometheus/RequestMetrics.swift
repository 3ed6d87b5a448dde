import CoreMetrics
import GatewayCore
import Synchronization

/// The logging hook of the `prometheus` plugin: records each finished request (``RequestLogEvent``) in counters
/// and histograms of the gateway's metrics backend.
///
/// It runs in the log queue's background service, never on the request path. Every label fed by clients or by
/// the key directory (model, deployment, key, team) is bounded by a ``LabelBound`` each; status codes, hook
/// points and plugin ids are bounded by nature.
///
/// | metric | type | labels |
/// | --- | --- | --- |
/// | `tollgate_requests_total` | counter | model, deployment, status, key, team |
/// | `tollgate_input_tokens_total`, `tollgate_output_tokens_total` | counter | model, key, team |
/// | `tollgate_spend_usd_total` | counter | model, key, team |
/// | `tollgate_request_duration_seconds` | histogram | model |
/// | `tollgate_upstream_duration_seconds` (each attempt) | histogram | model, deployment |
/// | `tollgate_gateway_overhead_seconds` (total minus upstream) | histogram | model |
/// | `tollgate_time_to_first_token_seconds` (streams) | histogram | model, deployment |
/// | `tollgate_plugin_duration_seconds` | histogram | hook, plugin |
/// | `tollgate_metric_label_overflow_total` | counter | label |
final class RequestMetrics: LoggingHook {
    enum Name {
        static let requests = "tollgate_requests_total"
        static let inputTokens = "tollgate_input_tokens_total"
        static let outputTokens = "tollgate_output_tokens_total"
        static let spend = "tollgate_spend_usd_total"
        static let duration = "tollgate_request_duration_seconds"
        static let upstream = "tollgate_upstream_duration_seconds"
        static let overhead = "tollgate_gateway_overhead_seconds"
        static let timeToFirstToken = "tollgate_time_to_first_token_seconds"
        static let plugin = "tollgate_plugin_duration_seconds"
        static let overflow = "tollgate_metric_label_overflow_total"
        /// The histograms, whose buckets the plugin's `latency_buckets` sets.
        static let histograms = [duration, upstream, overhead, timeToFirstToken, plugin]
    }

    /// The labels a ``LabelBound`` keeps bounded.
    enum BoundedLabel: String, CaseIterable {
        case model, deployment, key, team
    }

    let requests: HandleCache<Counter>
    let inputTokens: HandleCache<Counter>
    let outputTokens: HandleCache<Counter>
    let spend: HandleCache<FloatingPointCounter>
    let duration: HandleCache<Timer>
    let upstream: HandleCache<Timer>
    let overhead: HandleCache<Timer>
    let timeToFirstToken: HandleCache<Timer>
    let plugin: HandleCache<Timer>
    let overflow: HandleCache<Counter>
    private let bounds: Mutex<[BoundedLabel: LabelBound]>

    /// - Parameters:
    ///   - factory: the gateway's metrics backend (``PluginContext/metrics``).
    ///   - maxLabelValues: distinct values kept per bounded label; later ones are recorded as `other`.
    init(factory: any MetricsFactory, maxLabelValues: Int) {
        requests = HandleCache(labelNames: ["model", "deployment", "status", "key", "team"]) {
            Counter(label: Name.requests, dimensions: $0, factory: factory)
        }
        inputTokens = HandleCache(labelNames: ["model", "key", "team"]) { Counter(label: Name.inputTokens, dimensions: $0, factory: factory) }
        outputTokens = HandleCache(labelNames: ["model", "key", "team"]) { Counter(label: Name.outputTokens, dimensions: $0, factory: factory) }
        spend = HandleCache(labelNames: ["model", "key", "team"]) { FloatingPointCounter(label: Name.spend, dimensions: $0, factory: factory) }
        duration = HandleCache(labelNames: ["model"]) { Timer(label: Name.duration, dimensions: $0, factory: factory) }
        upstream = HandleCache(labelNames: ["model", "deployment"]) { Timer(label: Name.upstream, dimensions: $0, factory: factory) }
        overhead = HandleCache(labelNames: ["model"]) { Timer(label: Name.overhead, dimensions: $0, factory: factory) }
        timeToFirstToken = HandleCache(labelNames: ["model", "deployment"]) {
            Timer(label: Name.timeToFirstToken, dimensions: $0, factory: factory)
        }
        plugin = HandleCache(labelNames: ["hook", "plugin"]) { Timer(label: Name.plugin, dimensions: $0, factory: factory) }
        overflow = HandleCache(labelNames: ["label"]) { Counter(label: Name.overflow, dimensions: $0, factory: factory) }
        bounds = Mutex(Dictionary(uniqueKeysWithValues: BoundedLabel.allCases.map { ($0, LabelBound(limit: maxLabelValues)) }))
    }

    func log(_ event: RequestLogEvent) async {
        record(event)
    }

    /// Records one finished request.
    func record(_ event: RequestLogEvent) {
        let labels = bounded(RequestLabels(event))
        requests([labels.model, labels.deployment, labels.status, labels.key, labels.team]).increment()
        let byCaller = [labels.model, labels.key, labels.team]
        if let usage = event.outcome.usage {
            inputTokens(byCaller).increment(by: usage.promptTokens)
            outputTokens(byCaller).increment(by: usage.completionTokens)
        }
        if event.outcome.cost > 0 { spend(byCaller).increment(by: event.outcome.cost) }
        let total = Duration.seconds(max(0, event.endTime - event.startTime))
        duration([labels.model]).record(total)
        recordTimeline(event, model: labels.model, total: total)
    }

    /// Upstream time, overhead, time to first token and plugin time, from the event's timeline; before the
    /// pipeline fills the timeline, from the outcome (which knows the answering attempt of a stream only).
    private func recordTimeline(_ event: RequestLogEvent, model: String, total: Duration) {
        let timeline = event.timeline
        var upstreamTime: Duration?
        if !timeline.attempts.isEmpty {
            for attempt in timeline.attempts {
                // Labelled by the group the attempt served: after a fallback it is not the one asked for.
                let labels = [bound(.model, attempt.modelGroup), bound(.deployment, attempt.deploymentID)]
                upstream(labels).record(attempt.duration)
                if let first = attempt.timeToFirstToken { timeToFirstToken(labels).record(first) }
            }
            upstreamTime = timeline.upstreamTime
        } else if let deployment = event.outcome.deployment {
            let deployment = bound(.deployment, deployment.id)
            if let latency = event.outcome.latency {
                upstream([model, deployment]).record(latency)
                upstreamTime = latency
            }
            if let first = event.outcome.timeToFirstToken { timeToFirstToken([model, deployment]).record(first) }
        }
        if let upstreamTime { overhead([model]).record(max(.zero, total - upstreamTime)) }
        for run in timeline.hooks { plugin([run.point.rawValue, run.pluginID]).record(run.duration) }
    }

    /// The labels with every bounded one passed through its ``LabelBound``.
    func bounded(_ labels: RequestLabels) -> RequestLabels {
        var labels = labels
        labels.model = bound(.model, labels.model)
        labels.deployment = bound(.deployment, labels.deployment)
        labels.key = bound(.key, labels.key)
        labels.team = bound(.team, labels.team)
        return labels
    }

    private func bound(_ label: BoundedLabel, _ value: String) -> String {
        let admitted = bounds.withLock { $0[label]!.admit(value) }
        if admitted == LabelBound.overflow, value != LabelBound.overflow { overflow([label.rawValue]).increment() }
        return admitted
    }
}

extension Timer {
    /// Records a duration (swift-metrics takes nanoseconds).
    func record(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
