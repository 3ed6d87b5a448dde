public import GatewayCore
import PostgresNIO

/// `tollgate_policy_attachments`: which requests a policy (by name) applies to, its scope lists kept as one JSON
/// document.
extension PostgresGatewayStore {
    /// Checks that the policy has a production version and inserts the attachment in one transaction, under the
    /// policy's advisory lock, so a promotion, demotion or delete of the policy cannot slip in between.
    /// - Throws: ``PolicyStoreError/noProductionVersion(_:)``; ``StoreError/conflict(_:)`` when the id exists.
    public func createPolicyAttachment(_ attachment: PolicyAttachment) async throws {
        let scope = attachment.scopeDocument.serializedString()
        let logger = logger
        try await inTransaction { connection in
            try await Self.lockPolicy(name: attachment.policyName, on: connection, logger: logger)
            // A targeted probe of the partial production index, never a read of the policy's versions.
            let production = try await connection.query(
                "SELECT 1 FROM tollgate_policies WHERE name = \(attachment.policyName) AND status = 'production' LIMIT 1", logger: logger)
            guard try await production.hasRow() else { throw PolicyStoreError.noProductionVersion(attachment.policyName) }
            do {
                try await connection.query(
                    """
                    INSERT INTO tollgate_policy_attachments (id, policy_name, scope, created_at, created_by)
                    VALUES (\(attachment.id), \(attachment.policyName), \(scope), \(attachment.createdAt), \(attachment.createdBy))
                    """,
                    logger: logger)
            } catch let error as PSQLError where error.isUniqueViolation {
                throw StoreError.conflict("a policy attachment with id \(attachment.id) already exists")
            }
            try await Self.notify(.policyAttachment(id: attachment.id), on: connection, logger: logger)
        }
    }

    /// Oldest first, ties by id ("C"-collated, byte order).
    public func policyAttachments() async throws -> [PolicyAttachment] {
        let rows = try await pool.query(
            "SELECT \(unescaped: Self.attachmentColumns) FROM tollgate_policy_attachments ORDER BY created_at, id", logger: logger)
        var attachments: [PolicyAttachment] = []
        for try await row in rows { attachments.append(try PolicyAttachment(row: row)) }
        return attachments
    }

    public func policyAttachment(id: String) async throws -> PolicyAttachment? {
        let rows = try await pool.query(
            "SELECT \(unescaped: Self.attachmentColumns) FROM tollgate_policy_attachments WHERE id = \(id)", logger: logger)
        for try await row in rows { return try PolicyAttachment(row: row) }
        return nil
    }

    public func deletePolicyAttachment(id: String) async throws -> Bool {
        let logger = logger
        return try await inTransaction { connection in
            let rows = try await connection.query("DELETE FROM tollgate_policy_attachments WHERE id = \(id) RETURNING id", logger: logger)
            guard try await rows.hasRow() else { return false }
            try await Self.notify(.policyAttachment(id: id), on: connection, logger: logger)
            return true
        }
    }

    /// The columns `PolicyAttachment(row:)` reads, in its order. A constant, never a value.
    static let attachmentColumns = "id, policy_name, scope, created_at, created_by"
}

extension PolicyAttachment {
    /// An attachment from a row of ``PostgresGatewayStore/attachmentColumns``.
    /// - Throws: ``CorruptValueError`` when the scope is not a JSON object.
    init(row: PostgresRow) throws {
        let (id, policyName, scopeText, createdAt, createdBy) = try row.decode((String, String, String, Double, String?).self)
        let scope = try StoredJSON.value(scopeText, column: "policy attachment \(id) scope")
        guard scope.objectValue != nil else { throw CorruptValueError(column: "policy attachment \(id) scope", reason: "not a JSON object") }
        self.init(id: id, policyName: policyName, createdAt: createdAt, createdBy: createdBy)
        setScope(from: scope)
    }
}
