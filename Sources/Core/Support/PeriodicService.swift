public import Logging
public import ServiceLifecycle

/// Runs `work` every `interval` until graceful shutdown: refreshes and reconciles that keep in-memory state close
/// to the store. A failed run is logged and the next one tried; the state in memory stays as it was.
public struct PeriodicService: Service {
    let interval: Duration
    let logger: Logger
    /// What the log says when a run fails (`stored models could not be reloaded; keeping the current ones`).
    let failureMessage: String
    let work: @Sendable () async throws -> Void

    public init(every interval: Duration, logger: Logger, failureMessage: String, work: @escaping @Sendable () async throws -> Void) {
        self.interval = interval
        self.logger = logger
        self.failureMessage = failureMessage
        self.work = work
    }

    /// - Parameter seconds: the interval in seconds, as plugin configurations give it.
    public init(everySeconds seconds: Double, logger: Logger, failureMessage: String, work: @escaping @Sendable () async throws -> Void) {
        self.init(every: .milliseconds(Int64(seconds * 1000)), logger: logger, failureMessage: failureMessage, work: work)
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                    try await work()
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("\(failureMessage)", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
