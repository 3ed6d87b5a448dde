import GatewayCore
import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// Keeps `postgres-store` connected, from the moment the plugin is built to graceful shutdown.
///
/// - It runs the pooled client from `make` on, so the plugins built after storage can read the store while
///   they are built.
/// - The gateway's startup migration sets the first state of ``PostgresGatewayStore/availability``: ready, or
///   unreachable when the database cannot be reached (the gateway starts anyway).
/// - While unreachable, a connection of its own is tried again with ``ReconnectBackoff`` (0.1 s doubling up to
///   2 s, with jitter); once one works, migrations not yet applied are applied and the store is ready: within
///   about 2 s of the database coming back, without a restart.
/// - While ready, the pool must answer `SELECT 1` every second within 2 s. When it does not and a connection of
///   its own is refused or cut too (or, three rounds in a row, takes over 5 s: a loaded machine is slow, not
///   down), the database is unreachable: store calls fail at once from then on, and the pool is replaced by a
///   fresh one. (PostgresNIO's pool reconnects by itself, but its backoff grows to a minute, and requests queued
///   in it wait up to a minute.) The old pool is closed ``Timing/retireAfter`` later, failing what is still
///   queued in it. A pool that is slow while a connection of its own works is busy, not gone: nothing changes.
///
/// State changes are logged once each by ``StoreAvailability``. As a service the connector stops last (storage is
/// registered first), after the writers that drain into the store, and closes the pools; if startup fails before
/// the services run, releasing it stops the client.
final class PostgresConnector: Service, Sendable {
    /// How often and how long it probes.
    struct Timing: Sendable {
        /// Between probes of a ready database.
        var probeInterval: Duration = .seconds(1)
        /// The longest the pool's `SELECT 1` may take, in seconds.
        var poolDeadline: Double = 2
        /// The longest a connection of its own may take to open and answer, in seconds: longer than the pool's, so
        /// a database that is merely slow under load is not taken for gone.
        var connectDeadline: Double = 5
        /// Probe rounds in a row whose connection of its own timed out (rather than failed) before the database
        /// counts as unreachable: a loaded machine may be slow to answer; a refusal counts at once.
        var silentRounds = 3
        /// How long a replaced pool keeps serving what it holds before it is closed.
        var retireAfter: Duration = .seconds(2)
        /// Pauses between attempts to reach an unreachable database.
        var backoff = ReconnectBackoff()
    }

    private struct Running {
        let client: PostgresClient
        let task: Task<Void, Never>
        /// When a replaced client is closed; nil for the current one.
        var retireAt: ContinuousClock.Instant?
    }

    private let store: PostgresGatewayStore
    private let timing: Timing
    private let running: Mutex<[Running]>

    /// Starts running the store's client.
    init(store: PostgresGatewayStore, timing: Timing = Timing()) {
        self.store = store
        self.timing = timing
        let client = store.client
        running = Mutex([Running(client: client, task: Task { await client.run() }, retireAt: nil)])
    }

    deinit {
        for entry in running.withLock({ $0 }) { entry.task.cancel() }
    }

    func run() async throws {
        await cancelWhenGracefulShutdown { [self] in await watch() }
        let all = running.withLock { running in
            defer { running.removeAll() }
            return running
        }
        for entry in all { entry.task.cancel() }
        // A pool holding a connection whose query the driver lost (see FirstOutcome) never finishes closing:
        // wait a little for the pools to close, not forever.
        _ = try? await firstWithin(5) {
            for entry in all { await entry.task.value }
        }
    }

    private var availability: StoreAvailability { store.availability }

    private func watch() async {
        var backoff = timing.backoff
        var silentRounds = 0
        while !Task.isCancelled {
            closeRetiredClients()
            switch availability.status.state {
            case .connecting:
                // The gateway's startup migration decides the first state.
                do { try await availability.wait { $0 != .connecting } } catch { return }
            case .ready:
                do { try await Task.sleep(for: timing.probeInterval) } catch { return }
                guard availability.status.isReady, await !poolAnswers() else {
                    silentRounds = 0
                    continue
                }
                let reason: String
                switch await directProbe() {
                case .answered:
                    silentRounds = 0
                    continue
                case .failed(let failure):
                    reason = failure
                case .timedOut(let failure):
                    // A database that only answers slowly (a loaded machine) is not taken for gone at once.
                    silentRounds += 1
                    guard silentRounds >= timing.silentRounds else { continue }
                    reason = failure
                }
                availability.update(.unreachable, reason: reason)
                replaceClient(reason: reason)
                backoff.reset()
                silentRounds = 0
            case .unreachable, .migrating:
                if await reconnect() {
                    backoff.reset()
                } else {
                    do { try await Task.sleep(for: .milliseconds(Int64(backoff.next() * 1000))) } catch { return }
                }
            }
        }
    }

    /// One attempt to get from unreachable (or a failed migration) to ready. - Returns: whether it got there.
    private func reconnect() async -> Bool {
        switch await directProbe() {
        case .answered:
            break
        case .failed(let reason), .timedOut(let reason):
            availability.update(.unreachable, reason: reason)
            return false
        }
        if !store.isMigrated {
            availability.update(.migrating)
            do {
                _ = try await store.migrate()
            } catch let error as StoreError where error.isUnavailable {
                availability.update(.unreachable, reason: error.message)
                return false
            } catch {
                let reason = String(describing: error)
                if availability.status.reason != reason {
                    store.logger.error("storage migration failed; retrying", metadata: ["reason": .string(reason)])
                }
                availability.update(.migrating, reason: reason)
                return false
            }
        }
        availability.update(.ready)
        return true
    }

    /// Whether the pool answers `SELECT 1` within ``Timing/poolDeadline``.
    private func poolAnswers() async -> Bool {
        let client = store.client
        let logger = store.logger
        let answered = try? await firstWithin(timing.poolDeadline) {
            for try await _ in try await client.query("SELECT 1", logger: logger) {}
            return true
        }
        return answered == true
    }

    /// What a connection of its own found.
    private enum DirectProbe {
        case answered
        /// Refused, cut, or turned away by the server: the database is not there.
        case failed(String)
        /// No answer within ``Timing/connectDeadline``: a slow database, or a network that drops packets.
        case timedOut(String)
    }

    /// Opens a connection of its own, runs `SELECT 1` and closes it.
    private func directProbe() async -> DirectProbe {
        let settings = store.settings
        let logger = store.logger
        let deadline = timing.connectDeadline
        do {
            let done = try await firstWithin(deadline) {
                var configuration = try settings.connectionConfiguration()
                // Past the deadline, so that running out of time reads as a timeout, not as a failure.
                configuration.options.connectTimeout = .milliseconds(Int64(deadline * 1000) + 1000)
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
                do {
                    try await connection.query("SELECT 1", logger: logger)
                    try await connection.close()
                } catch {
                    try? await connection.close()
                    throw error
                }
                return true
            }
            return done == true ? .answered : .timedOut("cannot connect to \(settings): no answer within \(deadline) s")
        } catch let error as PSQLError {
            return .failed("cannot connect to \(settings): \(error.summary)")
        } catch {
            return .failed("cannot connect to \(settings): \(error)")
        }
    }

    /// Swaps in a fresh client, stops the calls waiting on the previous one, and schedules it to close.
    private func replaceClient(reason: String) {
        let fresh = store.makeClient()
        let task = Task { await fresh.run() }
        let previous = store.pool.replace(with: fresh)
        store.pool.abandonCalls(on: previous, reason: reason)
        let retireAt = ContinuousClock.now + timing.retireAfter
        running.withLock { running in
            for index in running.indices where running[index].client === previous { running[index].retireAt = retireAt }
            running.append(Running(client: fresh, task: task, retireAt: nil))
        }
    }

    /// Closes the replaced clients whose time is up (cancelling `run()` shuts a pool down, failing what it holds).
    private func closeRetiredClients() {
        let now = ContinuousClock.now
        let due = running.withLock { running in
            let due = running.filter { $0.retireAt.map { $0 <= now } ?? false }
            running.removeAll { $0.retireAt.map { $0 <= now } ?? false }
            return due
        }
        for entry in due { entry.task.cancel() }
    }
}
