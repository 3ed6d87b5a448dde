public import GatewayCore
import PostgresNIO

extension PostgresGatewayStore {
    /// Inserts the object and its audit row in one transaction. `created_at` and `updated_at` take the audit row's time.
    /// - Throws: ``StoreError/conflict(_:)`` when `kind`/`id` (or the audit row's id) exists already; nothing is written.
    public func insertEntity(_ kind: EntityKind, id: String, document: JSON, audit: AuditLogEntry) async throws {
        let logger = logger
        try await inTransaction { connection in
            do {
                try await connection.query(Self.insertEntityRow(kind, id: id, document: document, at: audit.timestamp), logger: logger)
            } catch let error as PSQLError where error.isUniqueViolation {
                throw StoreError.conflict("a \(kind.rawValue) with id \(id) already exists")
            }
            try await Self.notify(.entity(kind, id: id), on: connection, logger: logger)
            try await Self.insertAuditLog(audit, on: connection, logger: logger)
        }
    }

    /// Replaces the object's document (and its reference columns) and writes its audit row in one transaction.
    /// - Throws: ``StoreError/notFound(_:)`` when absent; nothing is written.
    public func updateEntity(_ kind: EntityKind, id: String, document: JSON, audit: AuditLogEntry) async throws {
        let logger = logger
        try await inTransaction { connection in
            let rows = try await connection.query(Self.updateEntityRow(kind, id: id, document: document, at: audit.timestamp), logger: logger)
            guard try await rows.hasRow() else { throw StoreError.notFound("no \(kind.rawValue) with id \(id)") }
            try await Self.notify(.entity(kind, id: id), on: connection, logger: logger)
            try await Self.insertAuditLog(audit, on: connection, logger: logger)
        }
    }

    /// The insert of a new object's row; `created_at` and `updated_at` take `timestamp`. With `ifAbsent`, a row
    /// already there makes it insert nothing instead of failing, and it returns the id it inserted (no row: none).
    static func insertEntityRow(_ kind: EntityKind, id: String, document: JSON, at timestamp: Double, ifAbsent: Bool = false) -> PostgresQuery {
        let references = EntityReferenceColumns(document)
        let conflict = ifAbsent ? " ON CONFLICT (kind, id) DO NOTHING RETURNING id" : ""
        return """
            INSERT INTO tollgate_entities (kind, id, team_id, user_id, organization_id, document, created_at, updated_at)
            VALUES (\(kind.rawValue), \(id), \(references.teamID), \(references.userID), \(references.organizationID),
                    \(document.serializedString()), \(timestamp), \(timestamp))\(unescaped: conflict)
            """
    }

    /// The update of an object's document and reference columns; returns its id when it exists.
    static func updateEntityRow(_ kind: EntityKind, id: String, document: JSON, at timestamp: Double) -> PostgresQuery {
        let references = EntityReferenceColumns(document)
        return """
            UPDATE tollgate_entities SET
                team_id = \(references.teamID), user_id = \(references.userID), organization_id = \(references.organizationID),
                document = \(document.serializedString()), updated_at = \(timestamp)
            WHERE kind = \(kind.rawValue) AND id = \(id)
            RETURNING id
            """
    }

    /// Deletes the object and writes its audit row in one transaction; writes nothing when it was absent.
    public func deleteEntity(_ kind: EntityKind, id: String, audit: AuditLogEntry) async throws -> Bool {
        let logger = logger
        return try await inTransaction { connection in
            let rows = try await connection.query(
                "DELETE FROM tollgate_entities WHERE kind = \(kind.rawValue) AND id = \(id) RETURNING id", logger: logger)
            guard try await rows.hasRow() else { return false }
            try await Self.notify(.entity(kind, id: id), on: connection, logger: logger)
            try await Self.insertAuditLog(audit, on: connection, logger: logger)
            return true
        }
    }

    public func entity(_ kind: EntityKind, id: String) async throws -> JSON? {
        let rows = try await pool.query(
            "SELECT document FROM tollgate_entities WHERE kind = \(kind.rawValue) AND id = \(id)", logger: logger)
        for try await text in rows.decode(String.self) {
            return try StoredJSON.value(text, column: "\(kind.rawValue) \(id)")
        }
        return nil
    }

    /// Objects of a kind ordered by id (the "C"-collated primary key's order); a reference filter uses that column's index.
    public func listEntities(_ kind: EntityKind, where reference: EntityReference?, limit: Int, offset: Int) async throws -> [JSON] {
        let query: PostgresQuery
        if let reference {
            // The column name comes from EntityReference.Field, never from a value; the value is a bind parameter.
            let column = reference.field.rawValue
            query = """
                SELECT id, document FROM tollgate_entities WHERE kind = \(kind.rawValue) AND \(unescaped: column) = \(reference.value)
                ORDER BY id LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
                """
        } else {
            query = """
                SELECT id, document FROM tollgate_entities WHERE kind = \(kind.rawValue)
                ORDER BY id LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
                """
        }
        var documents: [JSON] = []
        for try await (id, text) in try await pool.query(query, logger: logger).decode((String, String).self) {
            documents.append(try StoredJSON.value(text, column: "\(kind.rawValue) \(id)"))
        }
        return documents
    }
}
