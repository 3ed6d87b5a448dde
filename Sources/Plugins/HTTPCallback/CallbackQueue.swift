import CoreMetrics
import GatewayCore
import Logging
import Synchronization

/// The bounded queue between the logging hook and the sender: `enqueue` never waits (a lock around an array
/// append); when the queue is full the oldest record is dropped and counted, and the first drop of an overflow
/// episode is logged (one line per episode, not per record).
///
/// The sender is woken through ``wakes`` each time another full batch is waiting; its ticker wakes it every
/// flush interval for the rest.
final class CallbackQueue: Sendable {
    let batchSize: Int
    private let buffer: Mutex<CallbackBuffer>
    private let dropped: Counter
    private let logger: Logger
    let wakes: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    init(capacity: Int, batchSize: Int, metrics: GatewayMetrics, logger: Logger) {
        self.batchSize = batchSize
        self.buffer = Mutex(CallbackBuffer(capacity: capacity))
        self.dropped = Counter(label: "tollgate_callback_dropped_total", dimensions: [], factory: metrics.factory)
        self.logger = logger
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func enqueue(_ record: JSON) {
        let (appended, count, total) = buffer.withLock { buffer in (buffer.append(record), buffer.count, buffer.droppedTotal) }
        if appended.dropped > 0 {
            dropped.increment(by: appended.dropped)
            if appended.startedOverflowing {
                logger.warning(
                    "http-callback queue is full; dropping the oldest records until the receiver takes them",
                    metadata: ["max_queue": "\(count)", "dropped_total": "\(total)"])
            }
        }
        if count % batchSize == 0 { wake.yield() }
    }

    /// Wakes the sender (the ticker's call).
    func poke() { wake.yield() }

    var count: Int { buffer.withLock { $0.count } }
    var droppedTotal: Int { buffer.withLock { $0.droppedTotal } }

    func peek() -> [CallbackBuffer.Entry] { buffer.withLock { $0.peek(batchSize) } }

    /// - Returns: whether records had been dropped since the previous delivery.
    @discardableResult
    func acknowledge(through sequence: UInt64) -> Bool {
        buffer.withLock { $0.acknowledge(through: sequence).hadOverflowed }
    }
}
