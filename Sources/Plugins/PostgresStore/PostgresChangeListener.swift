import GatewayCore
import Logging
import PostgresNIO
import ServiceLifecycle

/// Hears what the gateway instances sharing the database changed (`LISTEN` on
/// ``PostgresGatewayStore/changeChannel``) and hands each change to the store's feed
/// (``PostgresGatewayStore/changes``); sends what plugins announce (cooldowns) as notifications of its own.
///
/// - It listens on one connection of its own, not one of the pool (a pooled connection goes back to the pool and
///   would stop listening), named ``applicationName`` in `pg_stat_activity`.
/// - Each time it starts listening, the first time and after every reconnect, it delivers
///   ``StoreChange/everything``: what changed while nothing listened is unknown, so every cache drops everything;
///   then the cooldowns still running (`tollgate_deployment_cooldowns`), which no cache could reload.
/// - The connection answers `SELECT 1` every ``Timing/pingInterval`` or is closed and replaced, so a connection
///   that died without a word (a network that drops packets) is noticed within seconds.
/// - Connecting again waits with ``ReconnectBackoff`` (0.1 s doubling up to 2 s, with jitter), as the connector does.
///
/// Losing and regaining the connection is logged once each way. Stops on graceful shutdown.
final class PostgresChangeListener: Service, Sendable {
    /// How often it checks its connection, and how long it waits.
    struct Timing: Sendable {
        var backoff = ReconnectBackoff()
        /// Between checks of the listening connection.
        var pingInterval: Duration = .seconds(5)
        /// The longest a check may take, in seconds, before the connection is taken for dead.
        var pingDeadline: Double = 10
        /// The longest connecting may take, in seconds.
        var connectDeadline: Double = 10
    }

    /// The listening connection's `application_name`.
    static let applicationName = "tollgate-listener"

    private let store: PostgresGatewayStore
    private let timing: Timing
    private var logger: Logger { store.logger }

    init(store: PostgresGatewayStore, timing: Timing = Timing()) {
        self.store = store
        self.timing = timing
    }

    func run() async throws {
        await cancelWhenGracefulShutdown { [self] in
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.listen() }
                group.addTask { await self.sendAnnouncements() }
            }
        }
    }

    /// Listens until cancelled, connecting again after every loss.
    private func listen() async {
        var backoff = timing.backoff
        var lost = false
        while !Task.isCancelled {
            do {
                let connection = try await connect()
                do {
                    try await connection.listen(on: PostgresGatewayStore.changeChannel) { notifications in
                        if lost { logger.notice("listening for changes from other instances again; caches flushed") }
                        lost = false
                        backoff.reset()
                        try await deliver(notifications, checking: connection)
                    }
                } catch {
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
            } catch {
                guard !Task.isCancelled else { return }
                if !lost {
                    logger.warning(
                        "not listening for changes from other instances; caches rely on their TTL until it reconnects",
                        metadata: ["reason": "\(Self.describe(error))"])
                }
                lost = true
            }
            do { try await Task.sleep(for: .milliseconds(Int64(backoff.next() * 1000))) } catch { return }
        }
    }

    /// Delivers ``StoreChange/everything`` and the cooldowns still running, then every notification, until the
    /// connection ends.
    private func deliver(_ notifications: PostgresNotificationSequence, checking connection: PostgresConnection) async throws {
        let broadcast = store.broadcast
        broadcast.deliver(.everything)
        for cooldown in try await store.runningCooldowns(on: connection) { broadcast.deliver(cooldown) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.keepAlive(connection) }
            defer { group.cancelAll() }
            for try await notification in notifications {
                broadcast.deliver(StoreChange(notificationPayload: notification.payload))
            }
        }
    }

    /// Closes `connection` when it stops answering, which ends its notifications.
    private func keepAlive(_ connection: PostgresConnection) async {
        let logger = logger
        while true {
            do { try await Task.sleep(for: timing.pingInterval) } catch { return }
            let answered = try? await firstWithin(timing.pingDeadline) {
                try await connection.query("SELECT 1", logger: logger)
                return true
            }
            guard answered == true, !Task.isCancelled else {
                try? await connection.close()
                return
            }
        }
    }

    /// A connection of its own, within ``Timing/connectDeadline``.
    private func connect() async throws -> PostgresConnection {
        let settings = store.settings
        let logger = logger
        let deadline = timing.connectDeadline
        var configuration = try settings.connectionConfiguration()
        configuration.options.connectTimeout = .milliseconds(Int64(deadline * 1000))
        configuration.options.additionalStartupParameters = [("application_name", Self.applicationName)]
        let connected = try await firstWithin(deadline) { [configuration] in
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            // Too late: the caller has given up on it.
            if Task.isCancelled { try? await connection.close() }
            return connection
        }
        guard let connected else { throw StoreError.unavailable("cannot connect to \(settings): no answer within \(deadline) s") }
        return connected
    }

    /// Sends what plugins announce (cooldowns are recorded too); an announcement that cannot be sent (the database
    /// is down) is dropped.
    private func sendAnnouncements() async {
        for await change in store.broadcast.announcements {
            do {
                if case .cooldown(let id, let until) = change {
                    try await store.announceCooldown(deploymentID: id, until: until)
                } else {
                    try await store.notify(change)
                }
            } catch {
                logger.debug("change not announced to other instances", metadata: ["reason": "\(Self.describe(error))"])
            }
        }
    }

    private static func describe(_ error: any Error) -> String {
        (error as? PSQLError)?.summary ?? String(describing: error)
    }
}
