public import GatewayCore
import PostgresNIO

extension PostgresGatewayStore {
    /// How many keys there are, optionally only a team's or a user's (for `total_count` of `/key/list`).
    /// - Throws: ``StoreError/unsupported(_:)`` for an `organization_id` filter, as ``listKeys(where:limit:offset:)``.
    public func countKeys(where reference: EntityReference?) async throws -> Int {
        let query: PostgresQuery
        if let reference {
            let column = try Self.keyColumn(reference)
            query = "SELECT COUNT(*) FROM tollgate_keys WHERE \(unescaped: column) = \(reference.value)"
        } else {
            query = "SELECT COUNT(*) FROM tollgate_keys"
        }
        return try await count(query)
    }

    /// How many objects of a kind there are, optionally only those with a reference (for paged lists).
    public func countEntities(_ kind: EntityKind, where reference: EntityReference?) async throws -> Int {
        let query: PostgresQuery
        if let reference {
            // The column name comes from EntityReference.Field, never from a value; the value is a bind parameter.
            let column = reference.field.rawValue
            query = "SELECT COUNT(*) FROM tollgate_entities WHERE kind = \(kind.rawValue) AND \(unescaped: column) = \(reference.value)"
        } else {
            query = "SELECT COUNT(*) FROM tollgate_entities WHERE kind = \(kind.rawValue)"
        }
        return try await count(query)
    }

    private func count(_ query: PostgresQuery) async throws -> Int {
        for try await value in try await pool.query(query, logger: logger).decode(Int64.self) { return Int(value) }
        return 0
    }
}
