public import GatewayCore
import Logging
import PostgresNIO

/// `tollgate_budget_leases`: each instance's slice of a scope's `max_budget` (see ``SharedLimitStore``).
extension PostgresGatewayStore: SharedLimitStore {
    /// Leases of instances gone for this long are deleted when their scope is next leased.
    static let staleLeaseSeconds = 86_400.0

    /// One transaction: a per-scope advisory lock serializes grants on the scope; one statement then reads the counter
    /// and the other instances' unexpired leases from one snapshot (a spend-log flush moves spend from a lease to the
    /// counter atomically, so the sum is the same before and after it); the grant is decided in Swift and written.
    public func leaseBudget(_ request: BudgetLeaseRequest) async throws -> BudgetLease {
        let logger = logger
        let kind = request.scope.kind.rawValue
        let id = request.scope.id
        return try await inTransaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(kind)), hashtext(\(id)))", logger: logger)
            let rows = try await connection.query(
                """
                SELECT
                    COALESCE((SELECT units FROM tollgate_spend_counters WHERE kind = \(kind) AND id = \(id)), 0)::BIGINT,
                    COALESCE((SELECT SUM(GREATEST(granted - spent, 0)) FROM tollgate_budget_leases
                              WHERE kind = \(kind) AND id = \(id) AND instance_id <> \(request.instanceID)
                                AND expires_at > \(request.now)), 0)::BIGINT,
                    (SELECT granted FROM tollgate_budget_leases WHERE kind = \(kind) AND id = \(id) AND instance_id = \(request.instanceID)),
                    (SELECT spent FROM tollgate_budget_leases WHERE kind = \(kind) AND id = \(id) AND instance_id = \(request.instanceID)),
                    (SELECT expires_at FROM tollgate_budget_leases WHERE kind = \(kind) AND id = \(id) AND instance_id = \(request.instanceID))
                """,
                logger: logger)
            var read: (Int64, Int64, Int64?, Int64?, Double?) = (0, 0, nil, nil, nil)
            for try await row in rows.decode((Int64, Int64, Int64?, Int64?, Double?).self) { read = row }
            let (counted, othersHeld, ownGranted, ownSpent, ownExpiresAt) = read
            var lease = BudgetLease(
                granted: ownGranted ?? 0, spent: ownSpent ?? 0, expiresAt: ownExpiresAt ?? -.infinity, counted: counted, othersHeld: othersHeld)
            let granted = Self.grant(request, lease: lease)
            if let granted {
                let stored = try await connection.query(
                    """
                    INSERT INTO tollgate_budget_leases (kind, id, instance_id, granted, spent, expires_at)
                    VALUES (\(kind), \(id), \(request.instanceID), \(granted), 0, \(request.expiresAt))
                    ON CONFLICT (kind, id, instance_id) DO UPDATE SET granted = excluded.granted, expires_at = excluded.expires_at
                    RETURNING granted, spent, expires_at
                    """,
                    logger: logger)
                for try await (g, s, e) in stored.decode((Int64, Int64, Double).self) {
                    lease.granted = g
                    lease.spent = s
                    lease.expiresAt = e
                }
            }
            try await connection.query(
                """
                DELETE FROM tollgate_budget_leases
                WHERE kind = \(kind) AND id = \(id) AND expires_at < \(request.now - Self.staleLeaseSeconds)
                """,
                logger: logger)
            return lease
        }
    }

    /// The cumulative grant to write, or nil to write nothing: toward `target` as far as
    /// `counted + othersHeld + (granted - spent) ≤ maxBudget` allows, never below an unexpired lease's grant.
    static func grant(_ request: BudgetLeaseRequest, lease: BudgetLease) -> Int64? {
        let room = request.maxBudget - lease.counted.saturatingAddForLease(lease.othersHeld)
        let cap = lease.spent.saturatingAddForLease(max(0, room))
        let current = lease.expiresAt > request.now ? lease.granted : Int64.min
        let granted = max(current, min(request.target, cap))
        return granted >= request.minimum ? granted : nil
    }

    public func trimBudgetLease(_ scope: SpendScope, instanceID: String, toGranted granted: Int64) async throws {
        try await pool.query(
            """
            UPDATE tollgate_budget_leases SET granted = LEAST(granted, \(granted))
            WHERE kind = \(scope.kind.rawValue) AND id = \(scope.id) AND instance_id = \(instanceID)
            """,
            logger: logger)
    }

    /// Moves each scope's newly counted units out of the writer's lease (`spent = spent + units`), in scope order
    /// after the counters (the same lock order in every transaction that touches both).
    static func moveSpendOutOfLeases(_ unitsByScope: [SpendScope: Int64], instanceID: String, on connection: PostgresConnection, logger: Logger)
        async throws
    {
        let ordered = unitsByScope.filter { $0.value > 0 }.sorted { ($0.key.kind.rawValue, $0.key.id) < ($1.key.kind.rawValue, $1.key.id) }
        for (scope, units) in ordered {
            try await connection.query(
                """
                UPDATE tollgate_budget_leases SET spent = spent + \(units)
                WHERE kind = \(scope.kind.rawValue) AND id = \(scope.id) AND instance_id = \(instanceID)
                """,
                logger: logger)
        }
    }
}

extension Int64 {
    fileprivate func saturatingAddForLease(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}
