import GRDB
public import GatewayCore

extension SQLiteGatewayStore {
    /// Inserts the object and its audit row in one transaction. `created_at` and `updated_at` take the audit row's time.
    /// - Throws: ``StoreError/conflict(_:)`` when `kind`/`id` (or the audit row's id) exists already; nothing is written.
    public func insertEntity(_ kind: EntityKind, id: String, document: JSON, audit: AuditLogEntry) async throws {
        try await pool.write { db in
            do {
                try Self.insertEntityRow(kind, id: id, document: document, at: audit.timestamp, in: db)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                throw StoreError.conflict("a \(kind.rawValue) with id \(id) already exists")
            }
            try Self.insertAuditLog(audit, in: db)
        }
    }

    /// Replaces the object's document (and its reference columns) and writes its audit row in one transaction.
    /// - Throws: ``StoreError/notFound(_:)`` when absent; nothing is written.
    public func updateEntity(_ kind: EntityKind, id: String, document: JSON, audit: AuditLogEntry) async throws {
        try await pool.write { db in
            try Self.updateEntityRow(kind, id: id, document: document, at: audit.timestamp, in: db)
            if db.changesCount == 0 { throw StoreError.notFound("no \(kind.rawValue) with id \(id)") }
            try Self.insertAuditLog(audit, in: db)
        }
    }

    /// The row of a new object; `created_at` and `updated_at` take `timestamp`.
    static func insertEntityRow(_ kind: EntityKind, id: String, document: JSON, at timestamp: Double, in db: Database) throws {
        let references = EntityReferenceColumns(document)
        try db.execute(
            literal: """
                INSERT INTO tollgate_entities (kind, id, team_id, user_id, organization_id, document, created_at, updated_at)
                VALUES (\(kind.rawValue), \(id), \(references.teamID), \(references.userID), \(references.organizationID),
                        \(document.serializedString()), \(timestamp), \(timestamp))
                """)
    }

    /// Replaces an object's document and reference columns (no row changes when it is absent: see `changesCount`).
    static func updateEntityRow(_ kind: EntityKind, id: String, document: JSON, at timestamp: Double, in db: Database) throws {
        let references = EntityReferenceColumns(document)
        try db.execute(
            literal: """
                UPDATE tollgate_entities SET
                    team_id = \(references.teamID), user_id = \(references.userID), organization_id = \(references.organizationID),
                    document = \(document.serializedString()), updated_at = \(timestamp)
                WHERE kind = \(kind.rawValue) AND id = \(id)
                """)
    }

    /// Deletes the object and writes its audit row in one transaction; writes nothing when it was absent.
    public func deleteEntity(_ kind: EntityKind, id: String, audit: AuditLogEntry) async throws -> Bool {
        try await pool.write { db in
            try db.execute(literal: "DELETE FROM tollgate_entities WHERE kind = \(kind.rawValue) AND id = \(id)")
            guard db.changesCount > 0 else { return false }
            try Self.insertAuditLog(audit, in: db)
            return true
        }
    }

    public func entity(_ kind: EntityKind, id: String) async throws -> JSON? {
        let text = try await pool.read { db in
            try String.fetchOne(db, SQLRequest<String>("SELECT document FROM tollgate_entities WHERE kind = \(kind.rawValue) AND id = \(id)"))
        }
        return try text.map { try StoredJSON.value($0, column: "\(kind.rawValue) \(id)") }
    }

    /// Objects of a kind ordered by id (the primary key's order); a reference filter uses that column's index.
    public func listEntities(_ kind: EntityKind, where reference: EntityReference?, limit: Int, offset: Int) async throws -> [JSON] {
        var sql: SQL = "SELECT id, document FROM tollgate_entities WHERE kind = \(kind.rawValue)"
        sql.append(literal: Self.entityCondition(reference))
        sql.append(literal: " ORDER BY id LIMIT \(max(0, limit)) OFFSET \(max(0, offset))")
        let request = SQLRequest<Row>(literal: sql)
        let rows = try await pool.read { db in
            try Row.fetchAll(db, request).map { row -> (id: String, document: String) in
                (try row.decode(forColumn: "id"), try row.decode(forColumn: "document"))
            }
        }
        return try rows.map { try StoredJSON.value($0.document, column: "\(kind.rawValue) \($0.id)") }
    }
}
