import Foundation
public import GatewayCore
import Logging
import PostgresNIO

/// `tollgate_policies`: the versions of named policies.
///
/// Every write that reads before it writes runs in one transaction that first takes the policy's transaction-scoped
/// advisory lock (``lockPolicy(name:on:logger:)``), released at commit or rollback. Writers of one policy therefore
/// run one after another, and each reads (under READ COMMITTED, with a fresh snapshot per statement) what the
/// previous one committed: concurrent new versions get distinct numbers and concurrent promotions leave one production
/// version, with no unique violation surfacing. Writers of different policies do not wait for each other. The
/// partial unique indexes of migration 6 back the one-production and one-shadow rules.
extension PostgresGatewayStore {
    /// - Throws: ``PolicyStoreError/nameTaken(_:)`` when any version of `name` exists.
    public func createPolicy(name: String, content: PolicyContent, status: PolicyStatus, by actor: String?, at now: Double) async throws
        -> PolicyVersion
    {
        let version = PolicyVersion(
            id: UUID().uuidString.lowercased(), name: name, number: 1, status: status, content: content, createdAt: now, updatedAt: now,
            publishedAt: status == .draft ? nil : now, productionAt: status == .production ? now : nil, createdBy: actor, updatedBy: actor)
        let text = try StoredJSON.text(encoding: content)
        let logger = logger
        return try await inTransaction { connection in
            try await Self.lockPolicy(name: name, on: connection, logger: logger)
            let existing = try await connection.query("SELECT 1 FROM tollgate_policies WHERE name = \(name) LIMIT 1", logger: logger)
            if try await existing.hasRow() { throw PolicyStoreError.nameTaken(name) }
            do {
                try await Self.insertPolicyVersion(version, content: text, on: connection, logger: logger)
            } catch let error as PSQLError where error.isUniqueViolation {
                // Ids are random UUIDs: only a row of the same name can collide (on (name, version_number) or a per-name index).
                throw PolicyStoreError.nameTaken(name)
            }
            try await Self.notify(.policy(name: name), on: connection, logger: logger)
            return version
        }
    }

    /// Numbers the new draft one past the highest stored number, read under the policy's lock.
    /// - Throws: ``PolicyStoreError/unknownPolicy(_:)`` when no version of `name` exists.
    public func createPolicyVersion(name: String, content: PolicyContent, by actor: String?, at now: Double) async throws -> PolicyVersion {
        let id = UUID().uuidString.lowercased()
        let text = try StoredJSON.text(encoding: content)
        let logger = logger
        return try await inTransaction { connection in
            try await Self.lockPolicy(name: name, on: connection, logger: logger)
            var highest: Int?
            let rows = try await connection.query("SELECT MAX(version_number) FROM tollgate_policies WHERE name = \(name)", logger: logger)
            for try await value in rows.decode(Int?.self) { highest = value }
            guard let highest else { throw PolicyStoreError.unknownPolicy(name) }
            let version = PolicyVersion(
                id: id, name: name, number: highest + 1, status: .draft, content: content, createdAt: now, updatedAt: now, createdBy: actor,
                updatedBy: actor)
            try await Self.insertPolicyVersion(version, content: text, on: connection, logger: logger)
            try await Self.notify(.policy(name: name), on: connection, logger: logger)
            return version
        }
    }

    /// One conditional `UPDATE ... RETURNING` (and its notification); the row is read again only to say why nothing
    /// was updated.
    /// - Throws: ``PolicyStoreError/unknownVersion(_:)``, ``PolicyStoreError/notDraft(id:status:)``.
    public func updatePolicyDraft(id: String, content: PolicyContent, by actor: String?, at now: Double) async throws -> PolicyVersion {
        let text = try StoredJSON.text(encoding: content)
        let logger = logger
        let updated = try await inTransaction { connection -> PolicyVersion? in
            let rows = try await connection.query(
                """
                UPDATE tollgate_policies SET content = \(text), updated_at = \(now), updated_by = \(actor)
                WHERE id = \(id) AND status = 'draft'
                RETURNING \(unescaped: Self.policyColumns)
                """,
                logger: logger)
            guard let updated = try await Self.policyVersions(rows).first else { return nil }
            try await Self.notify(.policy(name: updated.name), on: connection, logger: logger)
            return updated
        }
        if let updated { return updated }
        guard let current = try await policyVersion(id: id) else { throw PolicyStoreError.unknownVersion(id) }
        throw PolicyStoreError.notDraft(id: id, status: current.status)
    }

    /// Checks the transition under the policy's lock and, when promoting, demotes the current production version
    /// first (the partial unique index would refuse two), all in one transaction.
    public func setPolicyStatus(id: String, to status: PolicyStatus, by actor: String?, at now: Double) async throws -> [PolicyVersion] {
        let logger = logger
        return try await inTransaction { connection in
            guard let current = try await Self.lockedPolicyVersion(id: id, on: connection, logger: logger) else {
                throw PolicyStoreError.unknownVersion(id)
            }
            let changed = try current.changingStatus(to: status, by: actor, at: now)
            if status == .production {
                try await connection.query(
                    """
                    UPDATE tollgate_policies SET status = 'published', updated_at = \(now), updated_by = \(actor)
                    WHERE name = \(current.name) AND status = 'production'
                    """,
                    logger: logger)
            }
            try await connection.query(
                """
                UPDATE tollgate_policies SET
                    status = \(changed.status.rawValue), shadow = \(changed.shadow), published_at = \(changed.publishedAt),
                    production_at = \(changed.productionAt), updated_at = \(now), updated_by = \(actor)
                WHERE id = \(id)
                """,
                logger: logger)
            try await Self.notify(.policy(name: current.name), on: connection, logger: logger)
            return try await Self.policyVersions(name: current.name, on: connection, logger: logger)
        }
    }

    /// Turning shadow on clears it on the policy's other versions first, under the policy's lock.
    /// - Throws: ``PolicyStoreError/unknownVersion(_:)``, ``PolicyStoreError/shadowNeedsPublished(status:)``.
    public func setPolicyShadow(id: String, enabled: Bool, by actor: String?, at now: Double) async throws -> [PolicyVersion] {
        let logger = logger
        return try await inTransaction { connection in
            guard let current = try await Self.lockedPolicyVersion(id: id, on: connection, logger: logger) else {
                throw PolicyStoreError.unknownVersion(id)
            }
            if enabled {
                guard current.status == .published else { throw PolicyStoreError.shadowNeedsPublished(status: current.status) }
                try await connection.query(
                    """
                    UPDATE tollgate_policies SET shadow = FALSE, updated_at = \(now), updated_by = \(actor)
                    WHERE name = \(current.name) AND shadow AND id <> \(id)
                    """,
                    logger: logger)
            }
            try await connection.query(
                "UPDATE tollgate_policies SET shadow = \(enabled), updated_at = \(now), updated_by = \(actor) WHERE id = \(id)", logger: logger)
            try await Self.notify(.policy(name: current.name), on: connection, logger: logger)
            return try await Self.policyVersions(name: current.name, on: connection, logger: logger)
        }
    }

    public func policyVersion(id: String) async throws -> PolicyVersion? {
        let rows = try await pool.query("SELECT \(unescaped: Self.policyColumns) FROM tollgate_policies WHERE id = \(id)", logger: logger)
        return try await Self.policyVersions(rows).first
    }

    /// Newest first; the (name, version_number) unique index serves it.
    public func policyVersions(name: String) async throws -> [PolicyVersion] {
        let rows = try await pool.query(
            "SELECT \(unescaped: Self.policyColumns) FROM tollgate_policies WHERE name = \(name) ORDER BY version_number DESC", logger: logger)
        return try await Self.policyVersions(rows)
    }

    /// By name (the "C"-collated column's byte order), newest first within a name.
    public func policyVersions(status: PolicyStatus?) async throws -> [PolicyVersion] {
        let query: PostgresQuery =
            if let status {
                """
                SELECT \(unescaped: Self.policyColumns) FROM tollgate_policies WHERE status = \(status.rawValue)
                ORDER BY name, version_number DESC
                """
            } else {
                "SELECT \(unescaped: Self.policyColumns) FROM tollgate_policies ORDER BY name, version_number DESC"
            }
        return try await Self.policyVersions(pool.query(query, logger: logger))
    }

    /// Deletes under the policy's lock, so an attachment being checked against this policy's production version
    /// waits for the delete (and then finds no production version) instead of passing the check just before it.
    public func deletePolicyVersion(id: String) async throws -> PolicyVersion? {
        let logger = logger
        return try await inTransaction { connection in
            guard try await Self.lockedPolicyVersion(id: id, on: connection, logger: logger) != nil else { return nil }
            let rows = try await connection.query(
                "DELETE FROM tollgate_policies WHERE id = \(id) RETURNING \(unescaped: Self.policyColumns)", logger: logger)
            guard let deleted = try await Self.policyVersions(rows).first else { return nil }
            try await Self.notify(.policy(name: deleted.name), on: connection, logger: logger)
            return deleted
        }
    }

    /// Deletes the versions and the attachments naming the policy in one transaction, under the policy's lock (so no
    /// new version or attachment is added in between).
    /// - Returns: the deleted versions, newest first, and how many attachments went with them.
    public func deletePolicy(name: String) async throws -> (versions: [PolicyVersion], attachments: Int) {
        let logger = logger
        let deleted = try await inTransaction { connection -> ([PolicyVersion], Int) in
            try await Self.lockPolicy(name: name, on: connection, logger: logger)
            let versions = try await Self.policyVersions(
                connection.query("DELETE FROM tollgate_policies WHERE name = \(name) RETURNING \(unescaped: Self.policyColumns)", logger: logger))
            var attachments = 0
            for try await _ in try await connection.query(
                "DELETE FROM tollgate_policy_attachments WHERE policy_name = \(name) RETURNING id", logger: logger)
            {
                attachments += 1
            }
            try await Self.notify(.policy(name: name), on: connection, logger: logger)
            return (versions, attachments)
        }
        // RETURNING gives rows in no promised order.
        return (deleted.0.sorted { $0.number > $1.number }, deleted.1)
    }
}
