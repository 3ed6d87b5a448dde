import Foundation
import GRDB
public import GatewayCore

/// `tollgate_policies`: the versions of named policies.
///
/// Every write that reads before it writes runs in one `pool.write` transaction. The pool serializes writes in this
/// process and begins them `IMMEDIATE`, taking SQLite's write lock first, so writers in other processes wait too: a
/// version number computed as max + 1, an existence check or a transition check still holds when the row is
/// written. The partial unique indexes of migration 6 back the one-production and one-shadow rules.
extension SQLiteGatewayStore {
    /// - Throws: ``PolicyStoreError/nameTaken(_:)`` when any version of `name` exists.
    public func createPolicy(name: String, content: PolicyContent, status: PolicyStatus, by actor: String?, at now: Double) async throws
        -> PolicyVersion
    {
        let version = PolicyVersion(
            id: UUID().uuidString.lowercased(), name: name, number: 1, status: status, content: content, createdAt: now, updatedAt: now,
            publishedAt: status == .draft ? nil : now, productionAt: status == .production ? now : nil, createdBy: actor, updatedBy: actor)
        let text = try StoredJSON.text(encoding: content)
        return try await pool.write { db in
            if try Bool.fetchOne(db, SQLRequest<Bool>("SELECT 1 FROM tollgate_policies WHERE name = \(name) LIMIT 1")) == true {
                throw PolicyStoreError.nameTaken(name)
            }
            do {
                try Self.insertPolicyVersion(version, content: text, in: db)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                // Only a row of the same name can collide on (name, version_number) or the per-name partial indexes.
                throw PolicyStoreError.nameTaken(name)
            }
            return version
        }
    }

    /// Numbers the new draft one past the highest stored number, read in the inserting transaction.
    /// - Throws: ``PolicyStoreError/unknownPolicy(_:)`` when no version of `name` exists.
    public func createPolicyVersion(name: String, content: PolicyContent, by actor: String?, at now: Double) async throws -> PolicyVersion {
        let id = UUID().uuidString.lowercased()
        let text = try StoredJSON.text(encoding: content)
        return try await pool.write { db in
            let highest = try Int.fetchOne(db, SQLRequest<Int>("SELECT MAX(version_number) FROM tollgate_policies WHERE name = \(name)"))
            guard let highest else { throw PolicyStoreError.unknownPolicy(name) }
            let version = PolicyVersion(
                id: id, name: name, number: highest + 1, status: .draft, content: content, createdAt: now, updatedAt: now, createdBy: actor,
                updatedBy: actor)
            try Self.insertPolicyVersion(version, content: text, in: db)
            return version
        }
    }

    /// One conditional `UPDATE ... RETURNING`; the row is read again only to say why nothing was updated.
    /// - Throws: ``PolicyStoreError/unknownVersion(_:)``, ``PolicyStoreError/notDraft(id:status:)``.
    public func updatePolicyDraft(id: String, content: PolicyContent, by actor: String?, at now: Double) async throws -> PolicyVersion {
        let text = try StoredJSON.text(encoding: content)
        return try await pool.write { db in
            let updated = try Row.fetchOne(
                db,
                SQLRequest<Row>(
                    """
                    UPDATE tollgate_policies SET content = \(text), updated_at = \(now), updated_by = \(actor)
                    WHERE id = \(id) AND status = 'draft'
                    RETURNING *
                    """))
            if let updated { return try PolicyVersion(row: updated) }
            guard let current = try Self.policyVersion(id: id, in: db) else { throw PolicyStoreError.unknownVersion(id) }
            throw PolicyStoreError.notDraft(id: id, status: current.status)
        }
    }

    /// Checks the transition and, when promoting, demotes the current production version first (the partial unique
    /// index would refuse two), all in one transaction.
    public func setPolicyStatus(id: String, to status: PolicyStatus, by actor: String?, at now: Double) async throws -> [PolicyVersion] {
        try await pool.write { db in
            guard let current = try Self.policyVersion(id: id, in: db) else { throw PolicyStoreError.unknownVersion(id) }
            let changed = try current.changingStatus(to: status, by: actor, at: now)
            if status == .production {
                try db.execute(
                    literal: """
                        UPDATE tollgate_policies SET status = 'published', updated_at = \(now), updated_by = \(actor)
                        WHERE name = \(current.name) AND status = 'production'
                        """)
            }
            try db.execute(
                literal: """
                    UPDATE tollgate_policies SET
                        status = \(changed.status.rawValue), shadow = \(changed.shadow), published_at = \(changed.publishedAt),
                        production_at = \(changed.productionAt), updated_at = \(now), updated_by = \(actor)
                    WHERE id = \(id)
                    """)
            return try Self.policyVersions(name: current.name, in: db)
        }
    }

    /// Turning shadow on clears it on the policy's other versions first, in the same transaction.
    /// - Throws: ``PolicyStoreError/unknownVersion(_:)``, ``PolicyStoreError/shadowNeedsPublished(status:)``.
    public func setPolicyShadow(id: String, enabled: Bool, by actor: String?, at now: Double) async throws -> [PolicyVersion] {
        try await pool.write { db in
            guard let current = try Self.policyVersion(id: id, in: db) else { throw PolicyStoreError.unknownVersion(id) }
            if enabled {
                guard current.status == .published else { throw PolicyStoreError.shadowNeedsPublished(status: current.status) }
                try db.execute(
                    literal: """
                        UPDATE tollgate_policies SET shadow = 0, updated_at = \(now), updated_by = \(actor)
                        WHERE name = \(current.name) AND shadow AND id <> \(id)
                        """)
            }
            try db.execute(
                literal: "UPDATE tollgate_policies SET shadow = \(enabled), updated_at = \(now), updated_by = \(actor) WHERE id = \(id)")
            return try Self.policyVersions(name: current.name, in: db)
        }
    }

    public func policyVersion(id: String) async throws -> PolicyVersion? {
        try await pool.read { db in try Self.policyVersion(id: id, in: db) }
    }

    /// Newest first; the (name, version_number) unique index serves it.
    public func policyVersions(name: String) async throws -> [PolicyVersion] {
        try await pool.read { db in try Self.policyVersions(name: name, in: db) }
    }

    /// By name (byte order), newest first within a name.
    public func policyVersions(status: PolicyStatus?) async throws -> [PolicyVersion] {
        let request: SQLRequest<Row> =
            if let status {
                "SELECT * FROM tollgate_policies WHERE status = \(status.rawValue) ORDER BY name, version_number DESC"
            } else {
                "SELECT * FROM tollgate_policies ORDER BY name, version_number DESC"
            }
        return try await pool.read { db in try Row.fetchAll(db, request).map(PolicyVersion.init(row:)) }
    }

    public func deletePolicyVersion(id: String) async throws -> PolicyVersion? {
        try await pool.write { db in
            try Row.fetchOne(db, SQLRequest<Row>("DELETE FROM tollgate_policies WHERE id = \(id) RETURNING *")).map(PolicyVersion.init(row:))
        }
    }

    /// Deletes the versions and the attachments naming the policy in one transaction.
    /// - Returns: the deleted versions, newest first, and how many attachments went with them.
    public func deletePolicy(name: String) async throws -> (versions: [PolicyVersion], attachments: Int) {
        let deleted = try await pool.write { db -> ([PolicyVersion], Int) in
            let versions = try Row.fetchAll(db, SQLRequest<Row>("DELETE FROM tollgate_policies WHERE name = \(name) RETURNING *"))
                .map(PolicyVersion.init(row:))
            try db.execute(literal: "DELETE FROM tollgate_policy_attachments WHERE policy_name = \(name)")
            return (versions, db.changesCount)
        }
        // RETURNING gives rows in no promised order.
        return (deleted.0.sorted { $0.number > $1.number }, deleted.1)
    }

    /// Inserts a version inside the caller's transaction.
    static func insertPolicyVersion(_ version: PolicyVersion, content: String, in db: Database) throws {
        try db.execute(
            literal: """
                INSERT INTO tollgate_policies
                    (id, name, version_number, status, shadow, content, created_at, updated_at, published_at, production_at, created_by,
                     updated_by)
                VALUES
                    (\(version.id), \(version.name), \(version.number), \(version.status.rawValue), \(version.shadow), \(content),
                     \(version.createdAt), \(version.updatedAt), \(version.publishedAt), \(version.productionAt), \(version.createdBy),
                     \(version.updatedBy))
                """)
    }

    static func policyVersion(id: String, in db: Database) throws -> PolicyVersion? {
        try Row.fetchOne(db, SQLRequest<Row>("SELECT * FROM tollgate_policies WHERE id = \(id)")).map(PolicyVersion.init(row:))
    }

    static func policyVersions(name: String, in db: Database) throws -> [PolicyVersion] {
        try Row.fetchAll(db, SQLRequest<Row>("SELECT * FROM tollgate_policies WHERE name = \(name) ORDER BY version_number DESC"))
            .map(PolicyVersion.init(row:))
    }
}

extension PolicyVersion {
    /// A version from a `tollgate_policies` row.
    /// - Throws: ``CorruptValueError`` when the status is unknown or the content is not a PolicyContent document.
    init(row: Row) throws {
        let status: String = try row.decode(forColumn: "status")
        let id: String = try row.decode(forColumn: "id")
        self.init(
            id: id,
            name: try row.decode(forColumn: "name"),
            number: try row.decode(forColumn: "version_number"),
            status: try PolicyStatus(stored: status),
            shadow: try row.decode(forColumn: "shadow"),
            content: try StoredJSON.decode(PolicyContent.self, from: row.decode(forColumn: "content"), column: "policy \(id) content"),
            createdAt: try row.decode(forColumn: "created_at"),
            updatedAt: try row.decode(forColumn: "updated_at"),
            publishedAt: try row.decode(forColumn: "published_at"),
            productionAt: try row.decode(forColumn: "production_at"),
            createdBy: try row.decode(forColumn: "created_by"),
            updatedBy: try row.decode(forColumn: "updated_by"))
    }
}
