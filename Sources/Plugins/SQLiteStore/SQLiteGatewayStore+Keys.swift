import GRDB
public import GatewayCore

extension SQLiteGatewayStore {
    /// Inserts the key and, when given, its audit row in one transaction.
    /// - Throws: ``StoreError/conflict(_:)`` when the hash (or the audit row's id) exists already.
    public func insertKey(_ key: VirtualKeyRecord, audit: AuditLogEntry?) async throws {
        let settings = try StoredJSON.text(encoding: key.settings)
        try await pool.write { db in
            do {
                try db.execute(
                    literal: """
                        INSERT INTO tollgate_keys
                            (key_hash, key_alias, user_id, team_id, models, spend, max_budget, blocked, expires_at, created_at, metadata,
                             settings)
                        VALUES
                            (\(key.keyHash), \(key.keyAlias), \(key.userID), \(key.teamID), \(StoredJSON.text(models: key.models)),
                             \(key.spend), \(key.maxBudget), \(key.blocked), \(key.expiresAt), \(key.createdAt),
                             \(key.metadata.serializedString()), \(settings))
                        """)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                // The hash is not a secret, but a message naming it helps nobody: the caller knows which key it inserted.
                throw StoreError.conflict("a key with this hash already exists")
            }
            if let audit { try Self.insertAuditLog(audit, in: db) }
        }
    }

    public func key(hash: String) async throws -> VirtualKeyRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, SQLRequest<Row>("SELECT * FROM tollgate_keys WHERE key_hash = \(hash)")).map(VirtualKeyRecord.init(row:))
        }
    }

    /// Keys with this alias, oldest first (the alias column is indexed).
    public func keys(alias: String) async throws -> [VirtualKeyRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, SQLRequest<Row>("SELECT * FROM tollgate_keys WHERE key_alias = \(alias) ORDER BY created_at, key_hash"))
                .map(VirtualKeyRecord.init(row:))
        }
    }

    /// Replaces the key and, when given, writes its audit row in one transaction.
    /// - Throws: ``StoreError/notFound(_:)`` when absent (nothing is written).
    public func updateKey(_ key: VirtualKeyRecord, audit: AuditLogEntry?) async throws {
        let settings = try StoredJSON.text(encoding: key.settings)
        try await pool.write { db in
            try db.execute(
                literal: """
                    UPDATE tollgate_keys SET
                        key_alias = \(key.keyAlias), user_id = \(key.userID), team_id = \(key.teamID),
                        models = \(StoredJSON.text(models: key.models)), spend = \(key.spend), max_budget = \(key.maxBudget),
                        blocked = \(key.blocked), expires_at = \(key.expiresAt), created_at = \(key.createdAt),
                        metadata = \(key.metadata.serializedString()), settings = \(settings)
                    WHERE key_hash = \(key.keyHash)
                    """)
            if db.changesCount == 0 { throw StoreError.notFound("no key with this hash") }
            if let audit { try Self.insertAuditLog(audit, in: db) }
        }
    }

    /// Deletes the key and, when it existed and `audit` is given, writes the audit row in the same transaction.
    public func deleteKey(hash: String, audit: AuditLogEntry?) async throws -> Bool {
        try await pool.write { db in
            try db.execute(literal: "DELETE FROM tollgate_keys WHERE key_hash = \(hash)")
            guard db.changesCount > 0 else { return false }
            if let audit { try Self.insertAuditLog(audit, in: db) }
            return true
        }
    }

    /// Keys oldest first, optionally only a team's or a user's (both columns are indexed).
    /// - Throws: ``StoreError/unsupported(_:)`` for an `organization_id` filter.
    public func listKeys(where reference: EntityReference?, limit: Int, offset: Int) async throws -> [VirtualKeyRecord] {
        var sql: SQL = "SELECT * FROM tollgate_keys"
        sql.append(literal: try Self.keyCondition(reference))
        sql.append(literal: " ORDER BY created_at, key_hash LIMIT \(max(0, limit)) OFFSET \(max(0, offset))")
        let request = SQLRequest<Row>(literal: sql)
        return try await pool.read { db in
            try Row.fetchAll(db, request).map(VirtualKeyRecord.init(row:))
        }
    }
}

extension VirtualKeyRecord {
    /// A key from a `tollgate_keys` row.
    init(row: Row) throws {
        self.init(
            keyHash: try row.decode(forColumn: "key_hash"),
            keyAlias: try row.decode(forColumn: "key_alias"),
            userID: try row.decode(forColumn: "user_id"),
            teamID: try row.decode(forColumn: "team_id"),
            models: try StoredJSON.models(row.decode(forColumn: "models")),
            spend: try row.decode(forColumn: "spend"),
            maxBudget: try row.decode(forColumn: "max_budget"),
            blocked: try row.decode(forColumn: "blocked"),
            expiresAt: try row.decode(forColumn: "expires_at"),
            createdAt: try row.decode(forColumn: "created_at"),
            metadata: try StoredJSON.value(row.decode(forColumn: "metadata"), column: "metadata"),
            settings: try StoredJSON.decode(KeySettings.self, from: row.decode(forColumn: "settings"), column: "settings")
        )
    }
}
