import GatewayCore
import Logging
import PostgresNIO

/// The statements the policy writes share: the per-policy advisory lock, the version insert and row decoding.
extension PostgresGatewayStore {
    /// The columns `PolicyVersion(row:)` reads, in its order. A constant, never a value.
    static let policyColumns = """
        id, name, version_number, status, shadow, content, created_at, updated_at, published_at, production_at, created_by, updated_by
        """

    /// Takes the policy's transaction-scoped advisory lock (released at commit or rollback), waiting for the writer
    /// that holds it. The key is `hashtext` of the prefixed name, a 32-bit value, so it never equals the migration
    /// lock's 64-bit constant. Two names may share a key: they then wait for each other, nothing more.
    static func lockPolicy(name: String, on connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.query("SELECT pg_advisory_xact_lock(hashtext('tollgate_policy:' || \(name)))", logger: logger)
        for try await _ in rows {}
    }

    /// Takes the lock of the policy the version belongs to (a version's name never changes), then reads the version
    /// as the previous lock holder left it. - Returns: nil when no version has this id.
    static func lockedPolicyVersion(id: String, on connection: PostgresConnection, logger: Logger) async throws -> PolicyVersion? {
        let locked = try await connection.query(
            "SELECT pg_advisory_xact_lock(hashtext('tollgate_policy:' || name)) FROM tollgate_policies WHERE id = \(id)", logger: logger)
        guard try await locked.hasRow() else { return nil }
        // A new statement, so a new READ COMMITTED snapshot: it sees what was committed before the lock was granted.
        let rows = try await connection.query("SELECT \(unescaped: policyColumns) FROM tollgate_policies WHERE id = \(id)", logger: logger)
        return try await policyVersions(rows).first
    }

    /// Inserts a version inside the caller's transaction.
    static func insertPolicyVersion(_ version: PolicyVersion, content: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO tollgate_policies
                (id, name, version_number, status, shadow, content, created_at, updated_at, published_at, production_at, created_by,
                 updated_by)
            VALUES
                (\(version.id), \(version.name), \(version.number), \(version.status.rawValue), \(version.shadow), \(content),
                 \(version.createdAt), \(version.updatedAt), \(version.publishedAt), \(version.productionAt), \(version.createdBy),
                 \(version.updatedBy))
            """,
            logger: logger)
    }

    /// Every version of a policy, newest first, inside the caller's transaction.
    static func policyVersions(name: String, on connection: PostgresConnection, logger: Logger) async throws -> [PolicyVersion] {
        try await policyVersions(
            connection.query(
                "SELECT \(unescaped: policyColumns) FROM tollgate_policies WHERE name = \(name) ORDER BY version_number DESC", logger: logger))
    }

    /// Decodes rows of ``policyColumns``, in their order.
    static func policyVersions(_ rows: PostgresRowSequence) async throws -> [PolicyVersion] {
        var versions: [PolicyVersion] = []
        for try await row in rows { versions.append(try PolicyVersion(row: row)) }
        return versions
    }
}

extension PolicyVersion {
    /// A version from a row of ``PostgresGatewayStore/policyColumns``.
    /// - Throws: ``CorruptValueError`` when the status is unknown or the content is not a PolicyContent document.
    init(row: PostgresRow) throws {
        let (id, name, number, status, shadow, content, createdAt, updatedAt, publishedAt, productionAt, createdBy, updatedBy) =
            try row.decode((String, String, Int, String, Bool, String, Double, Double, Double?, Double?, String?, String?).self)
        self.init(
            id: id, name: name, number: number, status: try PolicyStatus(stored: status), shadow: shadow,
            content: try StoredJSON.decode(PolicyContent.self, from: content, column: "policy \(id) content"), createdAt: createdAt,
            updatedAt: updatedAt, publishedAt: publishedAt, productionAt: productionAt, createdBy: createdBy, updatedBy: updatedBy)
    }
}
