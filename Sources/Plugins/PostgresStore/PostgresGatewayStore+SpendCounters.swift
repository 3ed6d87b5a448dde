public import GatewayCore
import Logging
import PostgresNIO

/// `tollgate_spend_counters`: one row per ``SpendScope``, increased only by ``appendSpendLogs(_:)`` in the
/// transaction that stores the rows it counts.
extension PostgresGatewayStore {
    public func spendCounters() async throws -> [SpendCounter] {
        let rows = try await pool.query(
            "SELECT kind, id, units, budget_reset_at FROM tollgate_spend_counters ORDER BY kind COLLATE \"C\", id", logger: logger)
        var counters: [SpendCounter] = []
        for try await row in rows {
            counters.append(try SpendCounter(row: row))
        }
        return counters
    }

    public func spendCounter(_ scope: SpendScope) async throws -> SpendCounter? {
        let rows = try await pool.query(
            """
            SELECT kind, id, units, budget_reset_at FROM tollgate_spend_counters
            WHERE kind = \(scope.kind.rawValue) AND id = \(scope.id)
            """,
            logger: logger)
        for try await row in rows {
            return try SpendCounter(row: row)
        }
        return nil
    }

    /// Creates the counter at 0 if absent and sets its reset time only if none is set, in one statement: the
    /// upsert's `RETURNING` gives the row as stored after it, whoever came first.
    /// - Returns: the stored reset time (an earlier caller's, if there was one).
    public func scheduleBudgetReset(_ scope: SpendScope, at resetAt: Double) async throws -> Double {
        // `budget_reset_at = COALESCE(...)` updates (and so locks and returns) the row even when a reset is already
        // set; `DO NOTHING` would return no row then.
        let rows = try await pool.query(
            """
            INSERT INTO tollgate_spend_counters (kind, id, units, budget_reset_at)
            VALUES (\(scope.kind.rawValue), \(scope.id), 0, \(resetAt))
            ON CONFLICT (kind, id) DO UPDATE
                SET budget_reset_at = COALESCE(tollgate_spend_counters.budget_reset_at, excluded.budget_reset_at)
            RETURNING budget_reset_at
            """,
            logger: logger)
        for try await stored in rows.decode(Double?.self) {
            return stored ?? resetAt
        }
        return resetAt
    }

    /// Compare-and-set: zeroes the counter and stores `nextResetAt` only while its reset time is `expectedResetAt`.
    /// - Returns: whether this call reset it (false when another caller already did, or nothing was scheduled).
    public func resetSpend(_ scope: SpendScope, expectedResetAt: Double, nextResetAt: Double) async throws -> Bool {
        let rows = try await pool.query(
            """
            UPDATE tollgate_spend_counters SET units = 0, budget_reset_at = \(nextResetAt)
            WHERE kind = \(scope.kind.rawValue) AND id = \(scope.id) AND budget_reset_at = \(expectedResetAt)
            RETURNING kind
            """,
            logger: logger)
        var changed = false
        for try await _ in rows { changed = true }
        return changed
    }

    /// Adds each scope's units to its counter, one atomic `units = units + $3` upsert per scope (never a read, then
    /// a write), in scope order so concurrent batches lock counters in the same order. Scopes that add 0 are skipped:
    /// a counter appears once something is counted or scheduled for it.
    static func addSpend(_ unitsByScope: [SpendScope: Int64], on connection: PostgresConnection, logger: Logger) async throws {
        let ordered = unitsByScope.filter { $0.value != 0 }.sorted { ($0.key.kind.rawValue, $0.key.id) < ($1.key.kind.rawValue, $1.key.id) }
        for (scope, units) in ordered {
            try await connection.query(
                """
                INSERT INTO tollgate_spend_counters (kind, id, units) VALUES (\(scope.kind.rawValue), \(scope.id), \(units))
                ON CONFLICT (kind, id) DO UPDATE SET units = tollgate_spend_counters.units + excluded.units
                """,
                logger: logger)
        }
    }
}

extension SpendCounter {
    /// A counter from a `tollgate_spend_counters` row.
    /// - Throws: ``CorruptValueError`` when the kind is not one this build knows.
    init(row: PostgresRow) throws {
        let (kind, id, units, budgetResetAt) = try row.decode((String, String, Int64, Double?).self)
        guard let scopeKind = SpendScope.Kind(rawValue: kind) else {
            throw CorruptValueError(column: "tollgate_spend_counters.kind", reason: "an unknown scope kind")
        }
        self.init(scope: SpendScope(scopeKind, id), units: units, budgetResetAt: budgetResetAt)
    }
}
