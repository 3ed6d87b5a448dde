public import Logging
public import ServiceLifecycle
import Synchronization

/// A plugin's first read of the store (stored models, policies) that does not make the gateway wait for a store
/// it cannot reach.
///
/// ``loadNow()`` reads at once, from the plugin's `make`. When the store is unavailable, startup goes on and the
/// plugin's services include this one, which waits for the store to be ready and reads again, retrying with
/// ``ReconnectBackoff`` until it succeeds. Two log lines at most: one when the read is put off, one when it is
/// done. Hooks that must not run without the data check ``isLoaded``.
///
/// ```swift
/// let initial = StartupLoad("stored models", store: store, logger: context.logger) { try await manager.reload() }
/// try await initial.loadNow()
/// return PluginComponents(services: [initial, refresh])
/// ```
public final class StartupLoad: Service, Sendable {
    private let what: String
    private let store: any GatewayStore
    private let logger: Logger
    private let load: @Sendable () async throws -> Void
    private let loaded = Atomic<Bool>(false)

    /// - Parameters:
    ///   - what: what is read, for the log (`stored models`).
    ///   - store: the store it is read from.
    ///   - logger: the plugin's logger.
    ///   - load: reads the store and keeps what it read; may run again after a failure.
    public init(_ what: String, store: any GatewayStore, logger: Logger, load: @escaping @Sendable () async throws -> Void) {
        self.what = what
        self.store = store
        self.logger = logger
        self.load = load
    }

    /// Whether a read has succeeded.
    public var isLoaded: Bool { loaded.load(ordering: .acquiring) }

    /// Reads now.
    /// - Throws: the read's error, unless it is ``StoreError/unavailable(_:)``: that one is logged and the read is
    ///   left to ``run()``.
    public func loadNow() async throws {
        do {
            try await load()
            loaded.store(true, ordering: .releasing)
        } catch let error as StoreError where error.isUnavailable {
            logger.warning("storage unavailable at startup; \(what) are read once it is reachable", metadata: ["reason": .string(error.message)])
        }
    }

    /// Reads until a read succeeds (nothing to do when ``loadNow()`` did), then waits for graceful shutdown.
    public func run() async throws {
        await cancelWhenGracefulShutdown { [self] in await retryUntilLoaded() }
        try? await gracefulShutdown()
    }

    private func retryUntilLoaded() async {
        var backoff = ReconnectBackoff()
        var reported = false
        while !isLoaded {
            do {
                try await store.waitUntilReady()
                try await load()
                loaded.store(true, ordering: .releasing)
                logger.notice("storage reachable; \(what) read")
            } catch is CancellationError {
                return
            } catch {
                // A store that is not really back yet is retried quietly; anything else is said once.
                if !reported, !StoreError.isUnavailable(error) {
                    logger.error("\(what) could not be read; retrying", metadata: ["error": .string(String(describing: error))])
                    reported = true
                }
                do {
                    try await Task.sleep(for: .milliseconds(Int64(backoff.next() * 1000)))
                } catch {
                    return
                }
            }
        }
    }
}
