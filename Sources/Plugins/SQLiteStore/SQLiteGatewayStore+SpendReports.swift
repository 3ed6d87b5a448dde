import GRDB
public import GatewayCore

/// Spend log reads by key, user, team and time range (`/spend/logs`, `/global/spend/report`, key and team info).
extension SQLiteGatewayStore {
    public func spendLogs(_ filter: SpendLogFilter, limit: Int, offset: Int) async throws -> [SpendLogEntry] {
        var sql: SQL = "SELECT * FROM tollgate_spend_logs"
        sql.append(literal: Self.spendLogCondition(filter))
        sql.append(literal: " ORDER BY start_time DESC, request_id DESC LIMIT \(max(0, limit)) OFFSET \(max(0, offset))")
        let request = SQLRequest<Row>(literal: sql)
        return try await pool.read { db in try request.fetchAll(db).map(SpendLogEntry.init(row:)) }
    }

    /// Totals over the matching rows; `units` is SQLite's integer `SUM` of `spend_units`, exact (it fails rather
    /// than round on overflow).
    public func spendSummary(_ filter: SpendLogFilter) async throws -> SpendSummary {
        var sql: SQL = """
            SELECT COUNT(*) AS requests, COALESCE(SUM(spend_units), 0) AS units,
                COALESCE(SUM(prompt_tokens), 0) AS prompt_tokens, COALESCE(SUM(completion_tokens), 0) AS completion_tokens
            FROM tollgate_spend_logs
            """
        sql.append(literal: Self.spendLogCondition(filter))
        let request = SQLRequest<Row>(literal: sql)
        return try await pool.read { db in
            guard let row = try request.fetchOne(db) else { return SpendSummary() }
            return SpendSummary(
                requests: try row.decode(forColumn: "requests"), units: try row.decode(forColumn: "units"),
                promptTokens: try row.decode(forColumn: "prompt_tokens"), completionTokens: try row.decode(forColumn: "completion_tokens"))
        }
    }

    /// ` WHERE ...` with one bound condition per set field of the filter (each column is indexed); empty for none.
    static func spendLogCondition(_ filter: SpendLogFilter) -> SQL {
        var conditions: [SQL] = []
        if let keyHash = filter.keyHash { conditions.append("key_hash = \(keyHash)") }
        if let userID = filter.userID { conditions.append("user_id = \(userID)") }
        if let teamID = filter.teamID { conditions.append("team_id = \(teamID)") }
        if let start = filter.start { conditions.append("start_time >= \(start)") }
        if let end = filter.end { conditions.append("start_time < \(end)") }
        // Two indexed equalities: SQLite answers the OR with a union of index lookups.
        if let id = filter.requestID { conditions.append("(request_id = \(id) OR response_id = \(id))") }
        guard !conditions.isEmpty else { return "" }
        return " WHERE " + conditions.joined(separator: " AND ")
    }
}
