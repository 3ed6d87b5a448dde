import CoreMetrics

/// The spend-log plugin's gauge: `tollgate_spend_log_queue_depth`, the rows waiting for the store, in memory or in
/// the journal only. It rises while the store is down (rows are kept, never dropped) and falls back to 0 after a
/// flush.
///
/// Set inside the writer (an actor, behind the request path) on every add and at the end of every flush: one
/// atomic store each.
struct SpendLogMetrics: Sendable {
    static let queueDepth = "tollgate_spend_log_queue_depth"

    private let depth: Gauge

    /// Makes the gauge at 0, so a scrape shows it before the first request.
    init(factory: any MetricsFactory) {
        depth = Gauge(label: Self.queueDepth, factory: factory)
        depth.record(0)
    }

    /// Records nothing (tests that build the writer directly).
    static var disabled: SpendLogMetrics { SpendLogMetrics(factory: NOOPMetricsHandler.instance) }

    func record(depth rows: Int) { depth.record(rows) }
}
