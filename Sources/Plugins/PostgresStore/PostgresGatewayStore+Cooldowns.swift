import Foundation
import GatewayCore
import PostgresNIO

/// `tollgate_deployment_cooldowns`: the cooldowns instances announced, one row per deployment (so the table stays
/// as small as the catalog). A notification reaches only the instances listening when it is sent; an instance that
/// starts, or listens again after losing its connection, reads the cooldowns still running here instead.
extension PostgresGatewayStore {
    /// Records a cooldown (a later end wins), then notifies the other instances of it. In that order, a listener
    /// that starts listening at any moment hears it either way: by the notification if it was listening when that
    /// was sent, else by ``runningCooldowns(on:)`` (read after it started listening, so after the row was written).
    func announceCooldown(deploymentID: String, until: Double) async throws {
        try await pool.query(
            """
            INSERT INTO tollgate_deployment_cooldowns (deployment_id, until) VALUES (\(deploymentID), \(until))
            ON CONFLICT (deployment_id) DO UPDATE SET until = GREATEST(tollgate_deployment_cooldowns.until, excluded.until)
            """,
            logger: logger)
        try await notify(.cooldown(deploymentID: deploymentID, until: until))
    }

    /// The cooldowns that have not ended yet, as the changes that announced them (by deployment id). Read on
    /// `connection` (the listener's own), so hearing changes never waits for the pool.
    func runningCooldowns(on connection: PostgresConnection) async throws -> [StoreChange] {
        let now = Date().timeIntervalSince1970
        let rows = try await connection.query(
            "SELECT deployment_id, until FROM tollgate_deployment_cooldowns WHERE until > \(now) ORDER BY deployment_id", logger: logger)
        var running: [StoreChange] = []
        for try await (id, until) in rows.decode((String, Double).self) {
            running.append(.cooldown(deploymentID: id, until: until))
        }
        return running
    }
}
