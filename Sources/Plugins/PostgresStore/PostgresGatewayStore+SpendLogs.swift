public import GatewayCore
import PostgresNIO

extension PostgresGatewayStore {
    /// Inserts the entries and counts their spend in one transaction on one leased connection. An entry whose
    /// request id is stored already (also earlier in the same batch) is skipped (`ON CONFLICT (request_id) DO
    /// NOTHING`) and counts nothing, so a retried flush never double-counts.
    ///
    /// One bound `INSERT` per entry: batches are written behind the request path, and a statement per row keeps
    /// every value a bind parameter without building SQL text. `RETURNING request_id` tells which rows are new; their
    /// units are summed per scope and each scope's counter gets one atomic increment (``addSpend(_:on:)``).
    /// Entries go in request id order (the first of a duplicated id kept) and counters in scope order, so two
    /// batches that overlap take their row locks in the same order and never deadlock.
    public func appendSpendLogs(_ entries: [SpendLogEntry]) async throws {
        try await appendSpendLogs(entries, instanceID: nil)
    }

    /// ``appendSpendLogs(_:)``, and the new rows' units moved out of `instanceID`'s budget leases in the same
    /// transaction (``SharedLimitStore``).
    public func appendSpendLogs(_ entries: [SpendLogEntry], instanceID: String?) async throws {
        guard !entries.isEmpty else { return }
        var seen = Set<String>()
        let ordered = entries.filter { seen.insert($0.requestID).inserted }.sorted { $0.requestID < $1.requestID }
        let logger = logger
        try await inTransaction { connection in
            var unitsByScope: [SpendScope: Int64] = [:]
            for entry in ordered {
                let inserted = try await connection.query(
                    """
                    INSERT INTO tollgate_spend_logs
                        (request_id, call_type, start_time, end_time, key_hash, user_id, team_id, end_user, organization_id,
                         project_id, tags, model, deployment_id, provider, prompt_tokens, completion_tokens, spend, spend_units,
                         status, error_code, metadata, response_id)
                    VALUES
                        (\(entry.requestID), \(entry.callType), \(entry.startTime), \(entry.endTime), \(entry.keyHash),
                         \(entry.userID), \(entry.teamID), \(entry.endUser), \(entry.organizationID), \(entry.projectID),
                         \(StoredJSON.text(models: entry.tags)), \(entry.model), \(entry.deploymentID), \(entry.provider),
                         \(entry.promptTokens), \(entry.completionTokens), \(entry.spend), \(entry.spendUnits), \(entry.status),
                         \(entry.errorCode), \(entry.metadataText), \(entry.responseID))
                    ON CONFLICT (request_id) DO NOTHING
                    RETURNING request_id
                    """,
                    logger: logger)
                var isNew = false
                for try await _ in inserted { isNew = true }
                guard isNew else { continue }
                for scope in entry.scopes { unitsByScope[scope, default: 0] += entry.spendUnits }
            }
            try await Self.addSpend(unitsByScope, on: connection, logger: logger)
            if let instanceID { try await Self.moveSpendOutOfLeases(unitsByScope, instanceID: instanceID, on: connection, logger: logger) }
        }
    }

    /// `tollgate-spend-journal-<database>-<host>-<port>` in the working directory, with any character other than a
    /// letter, digit, `.`, `_` or `-` as `_` (a socket folder as host has slashes).
    public var spendJournalDirectory: String {
        let name = "\(settings.database)-\(settings.host)-\(settings.port)".map { character in
            character.isASCII && (character.isLetter || character.isNumber || character == "." || character == "_" || character == "-")
                ? character : "_"
        }
        return "tollgate-spend-journal-" + String(name)
    }

    public func spendLog(requestID: String) async throws -> SpendLogEntry? {
        let rows = try await pool.query(
            "SELECT \(unescaped: Self.spendLogColumns) FROM tollgate_spend_logs WHERE request_id = \(requestID)", logger: logger)
        for try await row in rows {
            return try SpendLogEntry(row: row)
        }
        return nil
    }

    public func recentSpendLogs(limit: Int) async throws -> [SpendLogEntry] {
        let rows = try await pool.query(
            """
            SELECT \(unescaped: Self.spendLogColumns) FROM tollgate_spend_logs
            ORDER BY start_time DESC, request_id COLLATE "C" DESC
            LIMIT \(max(0, limit))
            """,
            logger: logger)
        var entries: [SpendLogEntry] = []
        for try await row in rows {
            entries.append(try SpendLogEntry(row: row))
        }
        return entries
    }

    public func totalSpend(keyHash: String) async throws -> Double {
        let rows = try await pool.query(
            "SELECT COALESCE(SUM(spend), 0)::DOUBLE PRECISION FROM tollgate_spend_logs WHERE key_hash = \(keyHash)", logger: logger)
        for try await total in rows.decode(Double.self) {
            return total
        }
        return 0
    }

    /// The columns `SpendLogEntry(row:)` reads, in its order. A constant, never a value.
    static let spendLogColumns = """
        request_id, call_type, start_time, end_time, key_hash, user_id, team_id, end_user, organization_id, project_id, tags, \
        model, deployment_id, provider, prompt_tokens, completion_tokens, spend, status, error_code, metadata, response_id
        """
}

extension SpendLogEntry {
    /// An entry from a row of ``PostgresGatewayStore/spendLogColumns``.
    init(row: PostgresRow) throws {
        let row = row.makeRandomAccess()
        self.init(
            requestID: try row["request_id"].decode(String.self),
            callType: try row["call_type"].decode(String.self),
            startTime: try row["start_time"].decode(Double.self),
            endTime: try row["end_time"].decode(Double.self),
            keyHash: try row["key_hash"].decode(String?.self),
            userID: try row["user_id"].decode(String?.self),
            teamID: try row["team_id"].decode(String?.self),
            endUser: try row["end_user"].decode(String?.self),
            organizationID: try row["organization_id"].decode(String?.self),
            projectID: try row["project_id"].decode(String?.self),
            tags: try StoredJSON.models(row["tags"].decode(String.self), column: "tags"),
            model: try row["model"].decode(String.self),
            deploymentID: try row["deployment_id"].decode(String?.self),
            provider: try row["provider"].decode(String?.self),
            promptTokens: try row["prompt_tokens"].decode(Int.self),
            completionTokens: try row["completion_tokens"].decode(Int.self),
            spend: try row["spend"].decode(Double.self),
            status: try row["status"].decode(String.self),
            errorCode: try row["error_code"].decode(String?.self),
            metadata: try StoredJSON.value(row["metadata"].decode(String.self), column: "metadata"),
            responseID: try row["response_id"].decode(String?.self)
        )
    }
}
