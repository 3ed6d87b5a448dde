public import GatewayCore
import PostgresNIO

extension PostgresGatewayStore {
    /// Reads the object with `FOR UPDATE` (a concurrent change of it waits for this transaction), changes it and writes
    /// it back. When it is absent, the insert is `ON CONFLICT DO NOTHING`: a concurrent insert of the same object makes
    /// it wait for that transaction and then insert nothing, and the change is applied again to the row now there.
    public func changeEntity(
        _ kind: EntityKind, id: String, change: @escaping @Sendable (JSON?) throws -> JSON?,
        audit: @escaping @Sendable (_ before: JSON?, _ after: JSON) -> AuditLogEntry
    ) async throws -> JSON? {
        let logger = logger
        return try await inTransaction { connection in
            // Twice at most: the second read (READ COMMITTED: a new snapshot) sees the row a concurrent insert committed.
            for _ in 0..<2 {
                let before = try await Self.lockedEntity(kind, id: id, on: connection, logger: logger)
                guard let after = try change(before) else { return nil }
                let entry = audit(before, after)
                let write =
                    before == nil
                    ? Self.insertEntityRow(kind, id: id, document: after, at: entry.timestamp, ifAbsent: true)
                    : Self.updateEntityRow(kind, id: id, document: after, at: entry.timestamp)
                let written = try await connection.query(write, logger: logger)
                guard try await written.hasRow() else { continue }
                try await Self.notify(.entity(kind, id: id), on: connection, logger: logger)
                try await Self.insertAuditLog(entry, on: connection, logger: logger)
                return after
            }
            throw StoreError.conflict("the \(kind.rawValue) \(id) changed concurrently; try again")
        }
    }

    private static func lockedEntity(_ kind: EntityKind, id: String, on connection: PostgresConnection, logger: Logger) async throws -> JSON? {
        let rows = try await connection.query(
            "SELECT document FROM tollgate_entities WHERE kind = \(kind.rawValue) AND id = \(id) FOR UPDATE", logger: logger)
        for try await text in rows.decode(String.self) {
            return try StoredJSON.value(text, column: "\(kind.rawValue) \(id)")
        }
        return nil
    }
}
