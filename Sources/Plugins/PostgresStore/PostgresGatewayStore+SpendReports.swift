public import GatewayCore
import PostgresNIO

/// Spend log reads by key, user, team and time range (`/spend/logs`, `/global/spend/report`, key and team info).
///
/// One fixed query text takes every filter field as a bind parameter, `($1::TEXT IS NULL OR key_hash = $1)`:
/// PostgresNIO's unnamed statements are planned with the bound values, so an unset field folds away and a set one
/// uses its index (`request_id` or `response_id` = the id: a bitmap OR of both indexes), and no SQL is assembled
/// from pieces.
extension PostgresGatewayStore {
    public func spendLogs(_ filter: SpendLogFilter, limit: Int, offset: Int) async throws -> [SpendLogEntry] {
        let rows = try await pool.query(
            """
            SELECT \(unescaped: Self.spendLogColumns) FROM tollgate_spend_logs
            WHERE (\(filter.keyHash)::TEXT IS NULL OR key_hash = \(filter.keyHash))
                AND (\(filter.userID)::TEXT IS NULL OR user_id = \(filter.userID))
                AND (\(filter.teamID)::TEXT IS NULL OR team_id = \(filter.teamID))
                AND (\(filter.start)::DOUBLE PRECISION IS NULL OR start_time >= \(filter.start))
                AND (\(filter.end)::DOUBLE PRECISION IS NULL OR start_time < \(filter.end))
                AND (\(filter.requestID)::TEXT IS NULL OR request_id = \(filter.requestID) OR response_id = \(filter.requestID))
            ORDER BY start_time DESC, request_id COLLATE "C" DESC
            LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
            """,
            logger: logger)
        var entries: [SpendLogEntry] = []
        for try await row in rows {
            entries.append(try SpendLogEntry(row: row))
        }
        return entries
    }

    /// Totals over the matching rows; `units` is `SUM` of the `BIGINT` `spend_units` (a `NUMERIC`, exact) cast back
    /// to `BIGINT`.
    public func spendSummary(_ filter: SpendLogFilter) async throws -> SpendSummary {
        let rows = try await pool.query(
            """
            SELECT COUNT(*), COALESCE(SUM(spend_units), 0)::BIGINT,
                COALESCE(SUM(prompt_tokens), 0)::BIGINT, COALESCE(SUM(completion_tokens), 0)::BIGINT
            FROM tollgate_spend_logs
            WHERE (\(filter.keyHash)::TEXT IS NULL OR key_hash = \(filter.keyHash))
                AND (\(filter.userID)::TEXT IS NULL OR user_id = \(filter.userID))
                AND (\(filter.teamID)::TEXT IS NULL OR team_id = \(filter.teamID))
                AND (\(filter.start)::DOUBLE PRECISION IS NULL OR start_time >= \(filter.start))
                AND (\(filter.end)::DOUBLE PRECISION IS NULL OR start_time < \(filter.end))
                AND (\(filter.requestID)::TEXT IS NULL OR request_id = \(filter.requestID) OR response_id = \(filter.requestID))
            """,
            logger: logger)
        for try await (requests, units, prompt, completion) in rows.decode((Int64, Int64, Int64, Int64).self) {
            return SpendSummary(requests: Int(requests), units: units, promptTokens: Int(prompt), completionTokens: Int(completion))
        }
        return SpendSummary()
    }
}
