import GRDB
public import GatewayCore

extension SQLiteGatewayStore {
    /// Inserts the entries and counts their spend in one transaction. An entry whose request id is stored already
    /// (also earlier in the same batch) is skipped (`ON CONFLICT(request_id) DO NOTHING`) and counts nothing, so a
    /// retried flush never double-counts.
    ///
    /// SQLite reports whether each insert stored a row (`changesCount`); the new rows' units are summed per scope and
    /// each scope's counter gets one atomic increment (``addSpend(_:in:)``).
    public func appendSpendLogs(_ entries: [SpendLogEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await pool.write { db in
            // One prepared statement for the whole batch; values are bound, never spliced into the SQL.
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO tollgate_spend_logs
                        (request_id, call_type, start_time, end_time, key_hash, user_id, team_id, end_user, organization_id,
                         project_id, tags, model, deployment_id, provider, prompt_tokens, completion_tokens, spend, spend_units,
                         status, error_code, metadata, response_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(request_id) DO NOTHING
                    """)
            var unitsByScope: [SpendScope: Int64] = [:]
            for entry in entries {
                let arguments: StatementArguments = [
                    entry.requestID, entry.callType, entry.startTime, entry.endTime, entry.keyHash, entry.userID, entry.teamID,
                    entry.endUser, entry.organizationID, entry.projectID, StoredJSON.text(models: entry.tags), entry.model,
                    entry.deploymentID, entry.provider, entry.promptTokens, entry.completionTokens, entry.spend, entry.spendUnits,
                    entry.status, entry.errorCode, entry.metadataText, entry.responseID,
                ]
                try insert.execute(arguments: arguments)
                guard db.changesCount > 0 else { continue }
                for scope in entry.scopes { unitsByScope[scope, default: 0] += entry.spendUnits }
            }
            try Self.addSpend(unitsByScope, in: db)
        }
    }

    /// Next to the database file: `tollgate.db.spend-journal` (not `-journal`, which is SQLite's own).
    public var spendJournalDirectory: String { path + ".spend-journal" }

    public func spendLog(requestID: String) async throws -> SpendLogEntry? {
        try await pool.read { db in
            try Row.fetchOne(db, SQLRequest<Row>("SELECT * FROM tollgate_spend_logs WHERE request_id = \(requestID)"))
                .map(SpendLogEntry.init(row:))
        }
    }

    public func recentSpendLogs(limit: Int) async throws -> [SpendLogEntry] {
        let limit = max(0, limit)
        return try await pool.read { db in
            try Row.fetchAll(
                db, SQLRequest<Row>("SELECT * FROM tollgate_spend_logs ORDER BY start_time DESC, request_id DESC LIMIT \(limit)")
            ).map(SpendLogEntry.init(row:))
        }
    }

    public func totalSpend(keyHash: String) async throws -> Double {
        try await pool.read { db in
            try Double.fetchOne(db, SQLRequest<Double>("SELECT COALESCE(SUM(spend), 0.0) FROM tollgate_spend_logs WHERE key_hash = \(keyHash)"))
                ?? 0
        }
    }
}

extension SpendLogEntry {
    /// An entry from a `tollgate_spend_logs` row.
    init(row: Row) throws {
        self.init(
            requestID: try row.decode(forColumn: "request_id"),
            callType: try row.decode(forColumn: "call_type"),
            startTime: try row.decode(forColumn: "start_time"),
            endTime: try row.decode(forColumn: "end_time"),
            keyHash: try row.decode(forColumn: "key_hash"),
            userID: try row.decode(forColumn: "user_id"),
            teamID: try row.decode(forColumn: "team_id"),
            endUser: try row.decode(forColumn: "end_user"),
            organizationID: try row.decode(forColumn: "organization_id"),
            projectID: try row.decode(forColumn: "project_id"),
            tags: try StoredJSON.models(row.decode(forColumn: "tags"), column: "tags"),
            model: try row.decode(forColumn: "model"),
            deploymentID: try row.decode(forColumn: "deployment_id"),
            provider: try row.decode(forColumn: "provider"),
            promptTokens: try row.decode(forColumn: "prompt_tokens"),
            completionTokens: try row.decode(forColumn: "completion_tokens"),
            spend: try row.decode(forColumn: "spend"),
            status: try row.decode(forColumn: "status"),
            errorCode: try row.decode(forColumn: "error_code"),
            metadata: try StoredJSON.value(row.decode(forColumn: "metadata"), column: "metadata"),
            responseID: try row.decode(forColumn: "response_id")
        )
    }
}
