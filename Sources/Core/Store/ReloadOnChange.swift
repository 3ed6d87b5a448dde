public import Logging
public import ServiceLifecycle

/// Reloads an in-memory view of the store (models, policies) when another instance changed what it holds.
///
/// The feed's observer only signals; the reload runs on this service's task, so the feed never waits for it.
/// Signals that arrive during a reload collapse into one more reload after it: a burst of changes costs at most two
/// reloads. A failed reload is logged; the plugin's periodic refresh is the backstop.
public struct ReloadOnChange: Service {
    private let signals: AsyncStream<Void>
    private let logger: Logger
    private let failureMessage: String
    private let reload: @Sendable () async throws -> Void

    /// Starts observing `feed` at once (changes delivered before the service runs are kept as one signal).
    /// - Parameters:
    ///   - feed: the store's change feed.
    ///   - matches: whether a change concerns this view (``StoreChange/everything`` always does).
    ///   - logger: where a failed reload is logged.
    ///   - failureMessage: what the log says then.
    ///   - reload: reads the view again.
    public init(
        feed: any StoreChangeFeed, matches: @escaping @Sendable (StoreChange) -> Bool, logger: Logger, failureMessage: String,
        reload: @escaping @Sendable () async throws -> Void
    ) {
        let (signals, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        feed.observe { change in
            if change == .everything || matches(change) { continuation.yield() }
        }
        self.signals = signals
        self.logger = logger
        self.failureMessage = failureMessage
        self.reload = reload
    }

    public func run() async throws {
        for await _ in signals.cancelOnGracefulShutdown() {
            do {
                try await reload()
            } catch is CancellationError {
                return
            } catch {
                logger.warning("\(failureMessage)", metadata: ["error": "\(error)"])
            }
        }
    }
}
