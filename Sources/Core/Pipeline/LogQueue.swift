import Logging
public import ServiceLifecycle
import Synchronization

/// Hands finished requests' ``RequestLogEvent``s to the logging hooks, off the request path.
///
/// `enqueue` never waits and never drops: an event is a request's spend, and an answered request's spend must
/// reach the store. A logger that cannot keep up makes the queue grow instead; each time the backlog passes
/// another multiple of `warningBacklog` events an error is logged, so an operator sees it. On graceful shutdown the
/// queue stops taking events and drains what it holds before `run()` returns; register it after the plugins'
/// services so it drains into them before they flush and stop.
public final class LogQueue: Service, Sendable {
    private let stages: [Stage<any LoggingHook>]
    private let stream: AsyncStream<RequestLogEvent>
    private let continuation: AsyncStream<RequestLogEvent>.Continuation
    private let warningBacklog: Int
    private let backlog = Atomic<Int>(0)
    private let logger: Logger

    init(stages: [Stage<any LoggingHook>], warningBacklog: Int = 100_000, logger: Logger) {
        self.stages = stages
        self.warningBacklog = max(1, warningBacklog)
        self.logger = logger
        (stream, continuation) = AsyncStream.makeStream(of: RequestLogEvent.self, bufferingPolicy: .unbounded)
    }

    /// Whether any logging hook is enabled (with none, nothing is queued).
    var isActive: Bool { !stages.isEmpty }

    /// Events queued and not yet handed to the hooks.
    var queuedCount: Int { backlog.load(ordering: .relaxed) }

    func enqueue(_ event: RequestLogEvent) {
        guard isActive else { return }
        let queued = backlog.add(1, ordering: .relaxed).newValue
        if queued % warningBacklog == 0 {
            logger.error("request logs are piling up; a logging hook cannot keep up", metadata: ["queued": .stringConvertible(queued)])
        }
        if case .terminated = continuation.yield(event) {
            backlog.subtract(1, ordering: .relaxed)
            logger.error("a request finished after the log queue was drained", metadata: ["request_id": .string(event.requestID)])
        }
    }

    public func run() async {
        await withGracefulShutdownHandler {
            for await event in stream {
                backlog.subtract(1, ordering: .relaxed)
                for stage in stages { await stage.hook.log(event) }
            }
        } onGracefulShutdown: { [continuation] in
            continuation.finish()
        }
    }
}
