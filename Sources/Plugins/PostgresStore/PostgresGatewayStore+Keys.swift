public import GatewayCore
import PostgresNIO

extension PostgresGatewayStore {
    /// Inserts the key and, when given, its audit row in one transaction.
    /// - Throws: ``StoreError/conflict(_:)`` when the hash (or the audit row's id) exists already.
    public func insertKey(_ key: VirtualKeyRecord, audit: AuditLogEntry?) async throws {
        let settings = try StoredJSON.text(encoding: key.settings)
        let logger = logger
        try await inTransaction { connection in
            do {
                try await connection.query(
                    """
                    INSERT INTO tollgate_keys
                        (key_hash, key_alias, user_id, team_id, models, spend, max_budget, blocked, expires_at, created_at, metadata,
                         settings)
                    VALUES
                        (\(key.keyHash), \(key.keyAlias), \(key.userID), \(key.teamID), \(StoredJSON.text(models: key.models)),
                         \(key.spend), \(key.maxBudget), \(key.blocked), \(key.expiresAt), \(key.createdAt),
                         \(key.metadata.serializedString()), \(settings))
                    """,
                    logger: logger)
            } catch let error as PSQLError where error.isUniqueViolation {
                throw StoreError.conflict("a key with this hash already exists")
            }
            // Also after an insert: other instances may have cached "no such key".
            try await Self.notify(.key(hash: key.keyHash), on: connection, logger: logger)
            if let audit { try await Self.insertAuditLog(audit, on: connection, logger: logger) }
        }
    }

    public func key(hash: String) async throws -> VirtualKeyRecord? {
        let rows = try await pool.query("SELECT \(unescaped: Self.keyColumns) FROM tollgate_keys WHERE key_hash = \(hash)", logger: logger)
        for try await row in rows {
            return try VirtualKeyRecord(row: row)
        }
        return nil
    }

    /// Keys with this alias, oldest first (the alias column is indexed).
    public func keys(alias: String) async throws -> [VirtualKeyRecord] {
        let rows = try await pool.query(
            """
            SELECT \(unescaped: Self.keyColumns) FROM tollgate_keys WHERE key_alias = \(alias) ORDER BY created_at, key_hash COLLATE "C"
            """,
            logger: logger)
        var keys: [VirtualKeyRecord] = []
        for try await row in rows { keys.append(try VirtualKeyRecord(row: row)) }
        return keys
    }

    /// Replaces the key and, when given, writes its audit row in one transaction.
    /// - Throws: ``StoreError/notFound(_:)`` when absent (nothing is written).
    public func updateKey(_ key: VirtualKeyRecord, audit: AuditLogEntry?) async throws {
        let settings = try StoredJSON.text(encoding: key.settings)
        let logger = logger
        try await inTransaction { connection in
            let rows = try await connection.query(
                """
                UPDATE tollgate_keys SET
                    key_alias = \(key.keyAlias), user_id = \(key.userID), team_id = \(key.teamID),
                    models = \(StoredJSON.text(models: key.models)), spend = \(key.spend), max_budget = \(key.maxBudget),
                    blocked = \(key.blocked), expires_at = \(key.expiresAt), created_at = \(key.createdAt),
                    metadata = \(key.metadata.serializedString()), settings = \(settings)
                WHERE key_hash = \(key.keyHash)
                RETURNING key_hash
                """,
                logger: logger)
            guard try await rows.hasRow() else { throw StoreError.notFound("no key with this hash") }
            try await Self.notify(.key(hash: key.keyHash), on: connection, logger: logger)
            if let audit { try await Self.insertAuditLog(audit, on: connection, logger: logger) }
        }
    }

    /// Deletes the key and, when it existed and `audit` is given, writes the audit row in the same transaction.
    public func deleteKey(hash: String, audit: AuditLogEntry?) async throws -> Bool {
        let logger = logger
        return try await inTransaction { connection in
            let rows = try await connection.query("DELETE FROM tollgate_keys WHERE key_hash = \(hash) RETURNING key_hash", logger: logger)
            guard try await rows.hasRow() else { return false }
            try await Self.notify(.key(hash: hash), on: connection, logger: logger)
            if let audit { try await Self.insertAuditLog(audit, on: connection, logger: logger) }
            return true
        }
    }

    /// Keys oldest first, optionally only a team's or a user's (both columns are indexed).
    /// - Throws: ``StoreError/unsupported(_:)`` for an `organization_id` filter.
    public func listKeys(where reference: EntityReference?, limit: Int, offset: Int) async throws -> [VirtualKeyRecord] {
        let query: PostgresQuery
        if let reference {
            let column = try Self.keyColumn(reference)
            query = """
                SELECT \(unescaped: Self.keyColumns) FROM tollgate_keys WHERE \(unescaped: column) = \(reference.value)
                ORDER BY created_at, key_hash COLLATE "C"
                LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
                """
        } else {
            query = """
                SELECT \(unescaped: Self.keyColumns) FROM tollgate_keys
                ORDER BY created_at, key_hash COLLATE "C"
                LIMIT \(max(0, limit)) OFFSET \(max(0, offset))
                """
        }
        var keys: [VirtualKeyRecord] = []
        for try await row in try await pool.query(query, logger: logger) {
            keys.append(try VirtualKeyRecord(row: row))
        }
        return keys
    }

    /// The columns `VirtualKeyRecord(row:)` reads, in its order. A constant, never a value.
    static let keyColumns =
        "key_hash, key_alias, user_id, team_id, models, spend, max_budget, blocked, expires_at, created_at, metadata, settings"
}

extension PostgresRowSequence {
    /// Whether the result has a row (for `RETURNING` of an update or delete); drains the rest.
    func hasRow() async throws -> Bool {
        var found = false
        for try await _ in self { found = true }
        return found
    }
}

extension VirtualKeyRecord {
    /// A key from a row of ``PostgresGatewayStore/keyColumns``.
    init(row: PostgresRow) throws {
        let (keyHash, keyAlias, userID, teamID, models, spend, maxBudget, blocked, expiresAt, createdAt, metadata, settings) = try row.decode(
            (String, String?, String?, String?, String, Double, Double?, Bool, Double?, Double, String, String).self)
        self.init(
            keyHash: keyHash, keyAlias: keyAlias, userID: userID, teamID: teamID, models: try StoredJSON.models(models), spend: spend,
            maxBudget: maxBudget, blocked: blocked, expiresAt: expiresAt, createdAt: createdAt,
            metadata: try StoredJSON.value(metadata, column: "metadata"),
            settings: try StoredJSON.decode(KeySettings.self, from: settings, column: "settings"))
    }
}
