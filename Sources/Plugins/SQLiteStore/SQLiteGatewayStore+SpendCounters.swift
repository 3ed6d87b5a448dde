import GRDB
public import GatewayCore

/// `tollgate_spend_counters`: one row per ``SpendScope``, increased only by ``appendSpendLogs(_:)`` in the
/// transaction that stores the rows it counts.
extension SQLiteGatewayStore {
    public func spendCounters() async throws -> [SpendCounter] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, id, units, budget_reset_at FROM tollgate_spend_counters ORDER BY kind, id")
                .map(SpendCounter.init(row:))
        }
    }

    public func spendCounter(_ scope: SpendScope) async throws -> SpendCounter? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                SQLRequest<Row>(
                    """
                    SELECT kind, id, units, budget_reset_at FROM tollgate_spend_counters
                    WHERE kind = \(scope.kind.rawValue) AND id = \(scope.id)
                    """)
            ).map(SpendCounter.init(row:))
        }
    }

    /// Creates the counter at 0 if absent and sets its reset time only if none is set, in one transaction.
    /// - Returns: the stored reset time (an earlier caller's, if there was one).
    public func scheduleBudgetReset(_ scope: SpendScope, at resetAt: Double) async throws -> Double {
        try await pool.write { db in
            try db.execute(
                literal: """
                    INSERT INTO tollgate_spend_counters (kind, id, units, budget_reset_at)
                    VALUES (\(scope.kind.rawValue), \(scope.id), 0, \(resetAt))
                    ON CONFLICT (kind, id) DO UPDATE SET budget_reset_at = excluded.budget_reset_at
                    WHERE tollgate_spend_counters.budget_reset_at IS NULL
                    """)
            let stored = try Double.fetchOne(
                db,
                SQLRequest<Double>(
                    "SELECT budget_reset_at FROM tollgate_spend_counters WHERE kind = \(scope.kind.rawValue) AND id = \(scope.id)"))
            return stored ?? resetAt
        }
    }

    /// Compare-and-set: zeroes the counter and stores `nextResetAt` only while its reset time is `expectedResetAt`.
    /// - Returns: whether this call reset it (false when another caller already did, or nothing was scheduled).
    public func resetSpend(_ scope: SpendScope, expectedResetAt: Double, nextResetAt: Double) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                literal: """
                    UPDATE tollgate_spend_counters SET units = 0, budget_reset_at = \(nextResetAt)
                    WHERE kind = \(scope.kind.rawValue) AND id = \(scope.id) AND budget_reset_at = \(expectedResetAt)
                    """)
            return db.changesCount > 0
        }
    }

    /// Adds each scope's units to its counter, one atomic `units = units + ?` upsert per scope (never a read, then a
    /// write). Scopes that add 0 are skipped: a counter appears once something is counted or scheduled for it.
    static func addSpend(_ unitsByScope: [SpendScope: Int64], in db: Database) throws {
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO tollgate_spend_counters (kind, id, units) VALUES (?, ?, ?)
                ON CONFLICT (kind, id) DO UPDATE SET units = tollgate_spend_counters.units + excluded.units
                """)
        for (scope, units) in unitsByScope where units != 0 {
            try upsert.execute(arguments: [scope.kind.rawValue, scope.id, units])
        }
    }
}

extension SpendCounter {
    /// A counter from a `tollgate_spend_counters` row.
    /// - Throws: ``CorruptValueError`` when the kind is not one this build knows.
    init(row: Row) throws {
        let kind: String = try row.decode(forColumn: "kind")
        guard let scopeKind = SpendScope.Kind(rawValue: kind) else {
            throw CorruptValueError(column: "tollgate_spend_counters.kind", reason: "an unknown scope kind")
        }
        self.init(
            scope: SpendScope(scopeKind, try row.decode(forColumn: "id")),
            units: try row.decode(forColumn: "units"),
            budgetResetAt: try row.decode(forColumn: "budget_reset_at"))
    }
}
