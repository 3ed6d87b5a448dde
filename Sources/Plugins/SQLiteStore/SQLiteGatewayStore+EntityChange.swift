import GRDB
public import GatewayCore

extension SQLiteGatewayStore {
    /// Reads, changes and writes the object in one write transaction: SQLite runs one writer at a time, so concurrent
    /// changes of one object apply one after the other.
    public func changeEntity(
        _ kind: EntityKind, id: String, change: @escaping @Sendable (JSON?) throws -> JSON?,
        audit: @escaping @Sendable (_ before: JSON?, _ after: JSON) -> AuditLogEntry
    ) async throws -> JSON? {
        try await pool.write { db in
            let text = try String.fetchOne(
                db, SQLRequest<String>("SELECT document FROM tollgate_entities WHERE kind = \(kind.rawValue) AND id = \(id)"))
            let before = try text.map { try StoredJSON.value($0, column: "\(kind.rawValue) \(id)") }
            guard let after = try change(before) else { return nil }
            let entry = audit(before, after)
            let references = EntityReferenceColumns(after)
            if before == nil {
                try db.execute(
                    literal: """
                        INSERT INTO tollgate_entities (kind, id, team_id, user_id, organization_id, document, created_at, updated_at)
                        VALUES (\(kind.rawValue), \(id), \(references.teamID), \(references.userID), \(references.organizationID),
                                \(after.serializedString()), \(entry.timestamp), \(entry.timestamp))
                        """)
            } else {
                try db.execute(
                    literal: """
                        UPDATE tollgate_entities SET
                            team_id = \(references.teamID), user_id = \(references.userID), organization_id = \(references.organizationID),
                            document = \(after.serializedString()), updated_at = \(entry.timestamp)
                        WHERE kind = \(kind.rawValue) AND id = \(id)
                        """)
            }
            try Self.insertAuditLog(entry, in: db)
            return after
        }
    }
}
