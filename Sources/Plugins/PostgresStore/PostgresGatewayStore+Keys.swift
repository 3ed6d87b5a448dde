public import GatewayCore
import PostgresNIO

extension PostgresGatewayStore {
    public func insertKey(_ key: VirtualKeyRecord) async throws {
        do {
            try await client.query(
                """
                INSERT INTO tollgate_keys
                    (key_hash, key_alias, user_id, team_id, models, spend, max_budget, blocked, expires_at, created_at, metadata)
                VALUES
                    (\(key.keyHash), \(key.keyAlias), \(key.userID), \(key.teamID), \(StoredJSON.text(models: key.models)),
                     \(key.spend), \(key.maxBudget), \(key.blocked), \(key.expiresAt), \(key.createdAt), \(key.metadata.serializedString()))
                """,
                logger: logger)
        } catch let error as PSQLError where error.isUniqueViolation {
            throw StoreError.conflict("a key with this hash already exists")
        }
    }

    public func key(hash: String) async throws -> VirtualKeyRecord? {
        let rows = try await client.query("SELECT \(unescaped: Self.keyColumns) FROM tollgate_keys WHERE key_hash = \(hash)", logger: logger)
        for try await row in rows {
            return try VirtualKeyRecord(row: row)
        }
        return nil
    }

    public func updateKey(_ key: VirtualKeyRecord) async throws {
        let rows = try await client.query(
            """
            UPDATE tollgate_keys SET
                key_alias = \(key.keyAlias), user_id = \(key.userID), team_id = \(key.teamID),
                models = \(StoredJSON.text(models: key.models)), spend = \(key.spend), max_budget = \(key.maxBudget),
                blocked = \(key.blocked), expires_at = \(key.expiresAt), created_at = \(key.createdAt),
                metadata = \(key.metadata.serializedString())
            WHERE key_hash = \(key.keyHash)
            RETURNING key_hash
            """,
            logger: logger)
        var updated = false
        for try await _ in rows { updated = true }
        if !updated { throw StoreError.notFound("no key with this hash") }
    }

    public func deleteKey(hash: String) async throws -> Bool {
        let rows = try await client.query("DELETE FROM tollgate_keys WHERE key_hash = \(hash) RETURNING key_hash", logger: logger)
        var deleted = false
        for try await _ in rows { deleted = true }
        return deleted
    }

    public func listKeys(limit: Int, offset: Int) async throws -> [VirtualKeyRecord] {
        let rows = try await client.query(
            """
            SELECT \(unescaped: Self.keyColumns) FROM tollgate_keys
            ORDER BY created_at, key_hash COLLATE "C"
            LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
            """,
            logger: logger)
        var keys: [VirtualKeyRecord] = []
        for try await row in rows {
            keys.append(try VirtualKeyRecord(row: row))
        }
        return keys
    }

    /// The columns `VirtualKeyRecord(row:)` reads, in its order. A constant, never a value.
    static let keyColumns =
        "key_hash, key_alias, user_id, team_id, models, spend, max_budget, blocked, expires_at, created_at, metadata"
}

extension VirtualKeyRecord {
    /// A key from a row of ``PostgresGatewayStore/keyColumns``.
    init(row: PostgresRow) throws {
        let (keyHash, keyAlias, userID, teamID, models, spend, maxBudget, blocked, expiresAt, createdAt, metadata) = try row.decode(
            (String, String?, String?, String?, String, Double, Double?, Bool, Double?, Double, String).self)
        self.init(
            keyHash: keyHash, keyAlias: keyAlias, userID: userID, teamID: teamID, models: try StoredJSON.models(models), spend: spend,
            maxBudget: maxBudget, blocked: blocked, expiresAt: expiresAt, createdAt: createdAt,
            metadata: try StoredJSON.value(metadata, column: "metadata"))
    }
}
