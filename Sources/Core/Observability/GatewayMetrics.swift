public import CoreMetrics

/// Where plugins record metrics, shared by every plugin of one gateway.
///
/// Plugins make their counters, gauges and timers with ``factory`` (`Counter(label:dimensions:factory:)`), never
/// through the process-wide `MetricsSystem`: a test process runs many gateways, and each must count its own.
/// ``exposition`` renders what was recorded for a scrape (`/metrics`); nil when the backend has no text form.
public struct GatewayMetrics: Sendable {
    public let factory: any MetricsFactory
    public let exposition: (any MetricsExposition)?

    public init(factory: any MetricsFactory, exposition: (any MetricsExposition)?) {
        self.factory = factory
        self.exposition = exposition
    }

    /// Records nothing.
    public static let disabled = GatewayMetrics(factory: NOOPMetricsHandler.instance, exposition: nil)
}

/// Renders the recorded metrics in the Prometheus text exposition format.
public protocol MetricsExposition: Sendable {
    func render() -> String
}
