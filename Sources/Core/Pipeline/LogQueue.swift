import Logging
public import ServiceLifecycle

/// Hands finished requests' ``RequestLogEvent``s to the logging hooks, off the request path.
///
/// `enqueue` never waits. The queue holds up to `capacity` events; past that new events are dropped and counted
/// (a logger that cannot keep up must not take the gateway's memory). On graceful shutdown the queue stops
/// taking events and drains what it holds before `run()` returns; register it after the plugins' services so it
/// drains into them before they flush and stop.
public final class LogQueue: Service, Sendable {
    private let stages: [Stage<any LoggingHook>]
    private let stream: AsyncStream<RequestLogEvent>
    private let continuation: AsyncStream<RequestLogEvent>.Continuation
    private let logger: Logger

    init(stages: [Stage<any LoggingHook>], capacity: Int = 100_000, logger: Logger) {
        self.stages = stages
        self.logger = logger
        (stream, continuation) = AsyncStream.makeStream(of: RequestLogEvent.self, bufferingPolicy: .bufferingOldest(capacity))
    }

    /// Whether any logging hook is enabled (with none, nothing is queued).
    var isActive: Bool { !stages.isEmpty }

    func enqueue(_ event: RequestLogEvent) {
        guard isActive else { return }
        if case .dropped = continuation.yield(event) {
            logger.warning("log queue full; a request log was dropped", metadata: ["request_id": .string(event.requestID)])
        }
    }

    public func run() async {
        await withGracefulShutdownHandler {
            for await event in stream {
                for stage in stages { await stage.hook.log(event) }
            }
        } onGracefulShutdown: { [continuation] in
            continuation.finish()
        }
    }
}
