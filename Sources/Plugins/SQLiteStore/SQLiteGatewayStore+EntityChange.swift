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
            if before == nil {
                try Self.insertEntityRow(kind, id: id, document: after, at: entry.timestamp, in: db)
            } else {
                try Self.updateEntityRow(kind, id: id, document: after, at: entry.timestamp, in: db)
            }
            try Self.insertAuditLog(entry, in: db)
            return after
        }
    }
}
