import AsyncHTTPClient
import GatewayCore
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization

/// POSTs budget alerts to `alert_webhook_url`, off the request path: commits enqueue, this service sends.
///
/// Each POST has a 5 second timeout; a failure (or a non-2xx answer) is logged and the alert dropped (it was
/// logged when it fired). At most ``maxQueued`` alerts wait; older ones are dropped first. On graceful shutdown
/// what is queued is sent once more before the service returns.
final class AlertSender: Service, Sendable {
    static let maxQueued = 1000
    static let timeoutSeconds: Int64 = 5

    let url: String
    private let httpClient: HTTPClient
    private let logger: Logger
    private let queue = Mutex<[BudgetAlert]>([])
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    init(url: String, httpClient: HTTPClient, logger: Logger) {
        self.url = url
        self.httpClient = httpClient
        self.logger = logger
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues an alert for the service to send; never waits.
    func enqueue(_ alert: BudgetAlert) {
        let dropped = queue.withLock { queue in
            queue.append(alert)
            let excess = max(0, queue.count - Self.maxQueued)
            queue.removeFirst(excess)
            return excess
        }
        if dropped > 0 { logger.warning("budget alert queue full; the oldest alerts were dropped", metadata: ["dropped": "\(dropped)"]) }
        wake.yield()
    }

    func run() async throws {
        await cancelWhenGracefulShutdown { [self] in
            for await _ in wakeUps { await sendQueued() }
        }
        await sendQueued()
    }

    /// Sends every queued alert, in order.
    func sendQueued() async {
        let batch = queue.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
        for alert in batch { await send(alert) }
    }

    private func send(_ alert: BudgetAlert) async {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(alert.json.serialized())
        do {
            let response = try await httpClient.execute(request, timeout: .seconds(Self.timeoutSeconds))
            _ = try await response.body.collect(upTo: 64 * 1024)
            if !(200..<300).contains(response.status.code) {
                logger.warning("budget alert webhook answered \(response.status.code)", metadata: ["alert": .string(alert.kind.rawValue)])
            }
        } catch {
            logger.warning("budget alert webhook failed", metadata: ["alert": .string(alert.kind.rawValue), "error": .string("\(error)")])
        }
    }
}
