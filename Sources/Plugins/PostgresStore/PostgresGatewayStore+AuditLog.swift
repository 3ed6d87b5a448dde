public import GatewayCore
import Logging
import PostgresNIO

extension PostgresGatewayStore {
    /// Appends a row in a statement of its own.
    /// - Throws: ``StoreError/conflict(_:)`` when a row with this id exists.
    public func appendAuditLog(_ entry: AuditLogEntry) async throws {
        let logger = logger
        try await pool.withConnection { connection in
            try await Self.insertAuditLog(entry, on: connection, logger: logger)
        }
    }

    /// Rows newest first (ties by id, descending); the `(object_type, object_id, timestamp)` index serves the filters.
    ///
    /// An absent filter is a bound NULL (`$1 IS NULL OR ...`): the unnamed statement is planned with its values, so
    /// the condition folds away and the index still applies.
    public func auditLogs(objectType: String?, objectID: String?, limit: Int) async throws -> [AuditLogEntry] {
        let rows = try await pool.query(
            """
            SELECT \(unescaped: Self.auditLogColumns) FROM tollgate_audit_log
            WHERE (\(objectType)::TEXT IS NULL OR object_type = \(objectType))
              AND (\(objectID)::TEXT IS NULL OR object_id = \(objectID))
            ORDER BY timestamp DESC, id DESC
            LIMIT \(max(0, limit))
            """,
            logger: logger)
        var entries: [AuditLogEntry] = []
        for try await row in rows {
            entries.append(try AuditLogEntry(row: row))
        }
        return entries
    }

    /// Inserts an audit row on the caller's connection, inside its transaction when it has one, so the row commits or
    /// rolls back with the write it describes.
    /// - Throws: ``StoreError/conflict(_:)`` when a row with this id exists (the caller's transaction then rolls back).
    static func insertAuditLog(_ entry: AuditLogEntry, on connection: PostgresConnection, logger: Logger) async throws {
        do {
            try await connection.query(
                """
                INSERT INTO tollgate_audit_log (\(unescaped: auditLogColumns))
                VALUES (\(entry.id), \(entry.timestamp), \(entry.changedBy), \(entry.action.rawValue), \(entry.objectType),
                        \(entry.objectID), \(entry.before?.serializedString()), \(entry.after?.serializedString()))
                """,
                logger: logger)
        } catch let error as PSQLError where error.isUniqueViolation {
            throw StoreError.conflict("an audit row with id \(entry.id) already exists")
        }
    }

    /// The columns of `tollgate_audit_log` in the order `AuditLogEntry(row:)` reads them. A constant, never a value.
    static let auditLogColumns = "id, timestamp, changed_by, action, object_type, object_id, before, after"
}

extension AuditLogEntry {
    /// An entry from a row of ``PostgresGatewayStore/auditLogColumns``.
    init(row: PostgresRow) throws {
        let (id, timestamp, changedBy, action, objectType, objectID, before, after) = try row.decode(
            (String, Double, String, String, String, String, String?, String?).self)
        guard let parsed = Action(rawValue: action) else {
            throw CorruptValueError(column: "action", reason: "not a known audit action (\(action))")
        }
        self.init(
            id: id, timestamp: timestamp, changedBy: changedBy, action: parsed, objectType: objectType, objectID: objectID,
            before: try before.map { try StoredJSON.value($0, column: "before") },
            after: try after.map { try StoredJSON.value($0, column: "after") })
    }
}
