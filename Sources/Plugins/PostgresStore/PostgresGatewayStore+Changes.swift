import GatewayCore
import Logging
import PostgresNIO

/// How a write tells the other gateway instances what it changed: `pg_notify` on ``changeChannel`` inside the
/// write's transaction, so the notification goes out when the write commits, and never for a write rolled back.
/// Every instance's ``PostgresChangeListener`` hears it (the writer's too) and hands it to ``changes``.
extension PostgresGatewayStore {
    /// The channel every instance listens on.
    public static let changeChannel = "tollgate_changes"

    /// Queues `change`'s notification in the transaction `connection` is in (sent on commit).
    static func notify(_ change: StoreChange, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_notify(\(changeChannel), \(change.notificationPayload))", logger: logger)
    }

    /// Sends `change`'s notification at once, outside any write (an announcement such as a cooldown).
    func notify(_ change: StoreChange) async throws {
        try await pool.query("SELECT pg_notify(\(Self.changeChannel), \(change.notificationPayload))", logger: logger)
    }
}
