import Prometheus
import Testing

@testable import GatewayCore
@testable import SpendLog

/// The spend writer's queue-depth gauge against a real Prometheus registry: it follows the rows waiting while
/// the store is down and drops to 0 once they are written.
struct SpendLogMetricsTests {
    @Test func queueDepthFollowsTheBufferThroughAStoreOutage() async throws {
        let registry = PrometheusCollectorRegistry()
        let metrics = SpendLogMetrics(factory: PrometheusMetricsFactory(registry: registry))
        #expect(registry.emitToString().contains("tollgate_spend_log_queue_depth 0"), "the gauge exists before any row")

        let store = InMemoryStore(failNextAppends: 1000)
        let writer = SpendLogWriter(store: store, batchSize: 10, maxBuffered: 100, logger: TestContext.logger, metrics: metrics)
        for index in 0..<3 {
            await writer.add(
                SpendLogEntry(requestID: "r\(index)", callType: "chat_completions", startTime: 0, endTime: 1, model: "m", status: "success"))
        }
        #expect(await writer.flush() == false)
        #expect(registry.emitToString().contains("tollgate_spend_log_queue_depth 3"))

        await store.failNextAppends(0)
        #expect(await writer.flush())
        #expect(registry.emitToString().contains("tollgate_spend_log_queue_depth 0"))
    }
}
