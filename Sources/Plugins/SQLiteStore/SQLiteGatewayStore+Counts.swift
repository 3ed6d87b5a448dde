import GRDB
public import GatewayCore

extension SQLiteGatewayStore {
    /// How many keys there are, optionally only a team's or a user's (for `total_count` of `/key/list`).
    /// - Throws: ``StoreError/unsupported(_:)`` for an `organization_id` filter, as ``listKeys(where:limit:offset:)``.
    public func countKeys(where reference: EntityReference?) async throws -> Int {
        var sql: SQL = "SELECT COUNT(*) FROM tollgate_keys"
        sql.append(literal: try Self.keyCondition(reference))
        let request = SQLRequest<Int>(literal: sql)
        return try await pool.read { db in try request.fetchOne(db) ?? 0 }
    }

    /// How many objects of a kind there are, optionally only those with a reference (for paged lists).
    public func countEntities(_ kind: EntityKind, where reference: EntityReference?) async throws -> Int {
        var sql: SQL = "SELECT COUNT(*) FROM tollgate_entities WHERE kind = \(kind.rawValue)"
        sql.append(literal: Self.entityCondition(reference))
        let request = SQLRequest<Int>(literal: sql)
        return try await pool.read { db in try request.fetchOne(db) ?? 0 }
    }

    /// Inserts many keys in one transaction, without audit rows: a bulk import (and how tests seed large key
    /// sets quickly). All or nothing.
    /// - Throws: ``StoreError/conflict(_:)`` when any hash exists already; nothing is written then.
    public func insertKeys(_ keys: [VirtualKeyRecord]) async throws {
        let rows = try keys.map { key in (key, try StoredJSON.text(encoding: key.settings)) }
        try await pool.write { db in
            let statement = try db.makeStatement(
                sql: """
                    INSERT INTO tollgate_keys
                        (key_hash, key_alias, user_id, team_id, models, spend, max_budget, blocked, expires_at, created_at, metadata, settings)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            do {
                for (key, settings) in rows {
                    try statement.execute(arguments: [
                        key.keyHash, key.keyAlias, key.userID, key.teamID, StoredJSON.text(models: key.models), key.spend, key.maxBudget,
                        key.blocked, key.expiresAt, key.createdAt, key.metadata.serializedString(), settings,
                    ])
                }
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                throw StoreError.conflict("a key with one of these hashes already exists")
            }
        }
    }
}
