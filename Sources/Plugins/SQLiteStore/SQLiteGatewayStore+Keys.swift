import GRDB
public import GatewayCore

extension SQLiteGatewayStore {
    public func insertKey(_ key: VirtualKeyRecord) async throws {
        do {
            try await pool.write { db in
                try db.execute(
                    literal: """
                        INSERT INTO tollgate_keys
                            (key_hash, key_alias, user_id, team_id, models, spend, max_budget, blocked, expires_at, created_at, metadata)
                        VALUES
                            (\(key.keyHash), \(key.keyAlias), \(key.userID), \(key.teamID), \(StoredJSON.text(models: key.models)),
                             \(key.spend), \(key.maxBudget), \(key.blocked), \(key.expiresAt), \(key.createdAt),
                             \(key.metadata.serializedString()))
                        """)
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            // The hash is not a secret, but a message naming it helps nobody: the caller knows which key it inserted.
            throw StoreError.conflict("a key with this hash already exists")
        }
    }

    public func key(hash: String) async throws -> VirtualKeyRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, SQLRequest<Row>("SELECT * FROM tollgate_keys WHERE key_hash = \(hash)")).map(VirtualKeyRecord.init(row:))
        }
    }

    public func updateKey(_ key: VirtualKeyRecord) async throws {
        try await pool.write { db in
            try db.execute(
                literal: """
                    UPDATE tollgate_keys SET
                        key_alias = \(key.keyAlias), user_id = \(key.userID), team_id = \(key.teamID),
                        models = \(StoredJSON.text(models: key.models)), spend = \(key.spend), max_budget = \(key.maxBudget),
                        blocked = \(key.blocked), expires_at = \(key.expiresAt), created_at = \(key.createdAt),
                        metadata = \(key.metadata.serializedString())
                    WHERE key_hash = \(key.keyHash)
                    """)
            if db.changesCount == 0 { throw StoreError.notFound("no key with this hash") }
        }
    }

    public func deleteKey(hash: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(literal: "DELETE FROM tollgate_keys WHERE key_hash = \(hash)")
            return db.changesCount > 0
        }
    }

    public func listKeys(limit: Int, offset: Int) async throws -> [VirtualKeyRecord] {
        let limit = max(0, limit)
        let offset = max(0, offset)
        return try await pool.read { db in
            try Row.fetchAll(
                db, SQLRequest<Row>("SELECT * FROM tollgate_keys ORDER BY created_at, key_hash LIMIT \(limit) OFFSET \(offset)")
            ).map(VirtualKeyRecord.init(row:))
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
            metadata: try StoredJSON.value(row.decode(forColumn: "metadata"), column: "metadata")
        )
    }
}
