import Foundation
import GRDB
public import GatewayCore

/// The ``GatewayStore`` of `sqlite-store`: one SQLite file opened as a GRDB `DatabasePool`.
///
/// A pool keeps the file in WAL mode, so readers never wait for the writer; writes are serialized by the pool
/// within this process and, across processes, wait up to the busy timeout for SQLite's lock. Queries live in
/// `SQLiteGatewayStore+Keys.swift`, `+SpendLogs.swift`, `+SpendReports.swift`, `+SpendCounters.swift`, `+Entities.swift`,
/// `+AuditLog.swift`, `+Policies.swift` and `+PolicyAttachments.swift`, the schema in ``SQLiteMigrations``. A write and the audit row describing it share one
/// `pool.write` transaction, as do spend log rows and the counter increments they cause.
/// Every value reaches SQLite as a bound argument (GRDB's SQL interpolation or statement arguments). A file that
/// is locked past the busy timeout, gone or on a failing disk is reported as ``StoreError/unavailable(_:)``
/// (``SQLitePool``), which the pipeline answers with 503 `storage_unavailable`.
public final class SQLiteGatewayStore: GatewayStore, Sendable {
    /// The pool, through ``SQLitePool``: a file that cannot be used now is ``StoreError/unavailable(_:)``.
    let pool: SQLitePool
    /// The database file.
    public let path: String

    public var kind: String { "sqlite" }

    /// Opens the database file, creating it and its folder when absent. Does not migrate: call ``migrate()``.
    /// - Parameters:
    ///   - path: the database file.
    ///   - busyTimeoutMilliseconds: how long a statement waits for a lock held by another connection.
    /// - Throws: when the folder cannot be created or the file is not a SQLite database.
    public init(path: String, busyTimeoutMilliseconds: Int = 5000) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.label = "tollgate"
        configuration.busyMode = .timeout(TimeInterval(max(0, busyTimeoutMilliseconds)) / 1000)
        self.path = path
        self.pool = SQLitePool(pool: try DatabasePool(path: path, configuration: configuration), path: path)
    }

    /// Applies pending migrations, one `BEGIN IMMEDIATE` transaction each (the migration and its bookkeeping row).
    ///
    /// Each transaction re-reads `tollgate_migrations` after taking the write lock, so two processes migrating the
    /// same file at once apply every version exactly once.
    /// - Returns: the versions this call applied, in order.
    /// - Throws: ``StoreError/migration(_:)`` when the file was migrated by a newer Tollgate; SQLite errors.
    public func migrate() async throws -> [Int] {
        try await migrate(upTo: .max)
    }

    /// Applies pending migrations up to version `target` (tests use it to build a database as an older Tollgate left it).
    func migrate(upTo target: Int) async throws -> [Int] {
        try await pool.write { db in try db.execute(sql: SQLiteMigrations.bookkeeping) }
        var applied: [Int] = []
        while let version = try await applyNextMigration(upTo: target) {
            applied.append(version)
        }
        return applied
    }

    /// Applies the first pending migration. - Returns: its version, or nil when none is pending up to `target`.
    private func applyNextMigration(upTo target: Int) async throws -> Int? {
        try await pool.writeWithoutTransaction { db in
            var version: Int?
            try db.inTransaction(.immediate) {
                let done = try Set(Int.fetchAll(db, sql: "SELECT version FROM tollgate_migrations"))
                guard let next = try SQLiteMigrations.all.pending(applied: done).first, next.version <= target else { return .commit }
                for statement in next.statements {
                    try db.execute(sql: statement)
                }
                let now = Date().timeIntervalSince1970
                try db.execute(
                    literal: "INSERT INTO tollgate_migrations (version, name, applied_at) VALUES (\(next.version), \(next.name), \(now))")
                version = next.version
                return .commit
            }
            return version
        }
    }

    public func schemaVersion() async throws -> Int {
        try await pool.read { db in
            guard try db.tableExists("tollgate_migrations") else { return 0 }
            return try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(version), 0) FROM tollgate_migrations") ?? 0
        }
    }

    public func checkHealth() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    /// The journal mode SQLite reports for the file (`wal` once opened by this store).
    public func journalMode() async throws -> String {
        try await pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }
}
