import GRDB
public import GatewayCore

extension SQLiteGatewayStore {
    /// Appends a row in a transaction of its own.
    /// - Throws: ``StoreError/conflict(_:)`` when a row with this id exists.
    public func appendAuditLog(_ entry: AuditLogEntry) async throws {
        try await pool.write { db in try Self.insertAuditLog(entry, in: db) }
    }

    /// Rows newest first (ties by id, descending); the `(object_type, object_id, timestamp)` index serves the filters.
    public func auditLogs(objectType: String?, objectID: String?, limit: Int) async throws -> [AuditLogEntry] {
        var conditions: [SQL] = []
        if let objectType { conditions.append("object_type = \(objectType)") }
        if let objectID { conditions.append("object_id = \(objectID)") }
        var sql: SQL = "SELECT * FROM tollgate_audit_log"
        if !conditions.isEmpty {
            sql.append(literal: " WHERE \(conditions.joined(separator: " AND "))")
        }
        sql.append(literal: " ORDER BY timestamp DESC, id DESC LIMIT \(max(0, limit))")
        let request = SQLRequest<Row>(literal: sql)
        return try await pool.read { db in
            try Row.fetchAll(db, request).map(AuditLogEntry.init(row:))
        }
    }

    /// Inserts an audit row inside the caller's transaction, so it commits or rolls back with the write it describes.
    /// - Throws: ``StoreError/conflict(_:)`` when a row with this id exists (the caller's transaction then rolls back).
    static func insertAuditLog(_ entry: AuditLogEntry, in db: Database) throws {
        do {
            try db.execute(
                literal: """
                    INSERT INTO tollgate_audit_log (id, timestamp, changed_by, action, object_type, object_id, before, after)
                    VALUES (\(entry.id), \(entry.timestamp), \(entry.changedBy), \(entry.action.rawValue), \(entry.objectType),
                            \(entry.objectID), \(entry.before?.serializedString()), \(entry.after?.serializedString()))
                    """)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            throw StoreError.conflict("an audit row with id \(entry.id) already exists")
        }
    }
}

extension AuditLogEntry {
    /// An entry from a `tollgate_audit_log` row.
    init(row: Row) throws {
        let action: String = try row.decode(forColumn: "action")
        guard let parsed = Action(rawValue: action) else {
            throw CorruptValueError(column: "action", reason: "not a known audit action (\(action))")
        }
        let before: String? = try row.decode(forColumn: "before")
        let after: String? = try row.decode(forColumn: "after")
        self.init(
            id: try row.decode(forColumn: "id"),
            timestamp: try row.decode(forColumn: "timestamp"),
            changedBy: try row.decode(forColumn: "changed_by"),
            action: parsed,
            objectType: try row.decode(forColumn: "object_type"),
            objectID: try row.decode(forColumn: "object_id"),
            before: try before.map { try StoredJSON.value($0, column: "before") },
            after: try after.map { try StoredJSON.value($0, column: "after") }
        )
    }
}
