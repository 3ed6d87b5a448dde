import CoreMetrics
import GatewayCore
import Synchronization

/// The MCP gateway's Prometheus metrics, made with the gateway's ``GatewayMetrics`` factory (so `/metrics` renders
/// them with the rest):
///
/// - `tollgate_mcp_tool_calls_total{server, tool, outcome}`: every `tools/call`, with its outcome (`success`,
///   `tool_error`, `refused`, `rate_limited`, `blocked`, `upstream_error`, `cancelled`).
/// - `tollgate_mcp_tool_call_duration_seconds{server, tool}`: how long each call took, upstream included.
///
/// Only servers the gateway knows and tools the caller was allowed to call get their own label values; any other
/// tool name is counted as `other`, so a client cannot grow the label sets.
final class MCPMetrics: Sendable {
    private let factory: any MetricsFactory
    private let counters = Mutex<[[String]: Counter]>([:])
    private let timers = Mutex<[[String]: Timer]>([:])

    init(metrics: GatewayMetrics) {
        factory = metrics.factory
    }

    func record(server: String, tool: String, outcome: String, seconds: Double) {
        let labels = [server, tool, outcome]
        let counter = counters.withLock { cache in
            if let existing = cache[labels] { return existing }
            let made = Counter(
                label: "tollgate_mcp_tool_calls_total", dimensions: [("server", server), ("tool", tool), ("outcome", outcome)], factory: factory)
            cache[labels] = made
            return made
        }
        counter.increment()
        let timer = timers.withLock { cache in
            if let existing = cache[[server, tool]] { return existing }
            let made = Timer(label: "tollgate_mcp_tool_call_duration_seconds", dimensions: [("server", server), ("tool", tool)], factory: factory)
            cache[[server, tool]] = made
            return made
        }
        timer.recordNanoseconds(Int64(max(0, min(seconds, 86_400)) * 1_000_000_000))
    }
}
