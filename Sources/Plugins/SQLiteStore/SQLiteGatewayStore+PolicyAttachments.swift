import GRDB
public import GatewayCore

/// `tollgate_policy_attachments`: which requests a policy (by name) applies to, its scope lists kept as one JSON
/// document.
extension SQLiteGatewayStore {
    /// Checks that the policy has a production version and inserts the attachment in one `IMMEDIATE` transaction,
    /// so a promotion, demotion or delete cannot slip in between.
    /// - Throws: ``PolicyStoreError/noProductionVersion(_:)``; ``StoreError/conflict(_:)`` when the id exists.
    public func createPolicyAttachment(_ attachment: PolicyAttachment) async throws {
        let scope = attachment.scopeDocument.serializedString()
        try await pool.write { db in
            // A targeted probe of the partial production index, never a read of the policy's versions.
            let production = try Bool.fetchOne(
                db,
                SQLRequest<Bool>("SELECT 1 FROM tollgate_policies WHERE name = \(attachment.policyName) AND status = 'production' LIMIT 1"))
            guard production == true else { throw PolicyStoreError.noProductionVersion(attachment.policyName) }
            do {
                try db.execute(
                    literal: """
                        INSERT INTO tollgate_policy_attachments (id, policy_name, scope, created_at, created_by)
                        VALUES (\(attachment.id), \(attachment.policyName), \(scope), \(attachment.createdAt), \(attachment.createdBy))
                        """)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                throw StoreError.conflict("a policy attachment with id \(attachment.id) already exists")
            }
        }
    }

    /// Oldest first, ties by id.
    public func policyAttachments() async throws -> [PolicyAttachment] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM tollgate_policy_attachments ORDER BY created_at, id").map(PolicyAttachment.init(row:))
        }
    }

    public func policyAttachment(id: String) async throws -> PolicyAttachment? {
        try await pool.read { db in
            try Row.fetchOne(db, SQLRequest<Row>("SELECT * FROM tollgate_policy_attachments WHERE id = \(id)")).map(PolicyAttachment.init(row:))
        }
    }

    public func deletePolicyAttachment(id: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(literal: "DELETE FROM tollgate_policy_attachments WHERE id = \(id)")
            return db.changesCount > 0
        }
    }
}

extension PolicyAttachment {
    /// An attachment from a `tollgate_policy_attachments` row.
    /// - Throws: ``CorruptValueError`` when the scope is not a JSON object.
    init(row: Row) throws {
        let id: String = try row.decode(forColumn: "id")
        self.init(
            id: id, policyName: try row.decode(forColumn: "policy_name"), createdAt: try row.decode(forColumn: "created_at"),
            createdBy: try row.decode(forColumn: "created_by"))
        let scope = try StoredJSON.value(row.decode(forColumn: "scope"), column: "policy attachment \(id) scope")
        guard scope.objectValue != nil else { throw CorruptValueError(column: "policy attachment \(id) scope", reason: "not a JSON object") }
        setScope(from: scope)
    }
}
