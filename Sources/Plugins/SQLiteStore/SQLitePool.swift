import GRDB
import GatewayCore

/// The store's `DatabasePool`, with SQLite's "cannot use the file now" errors reported as
/// ``StoreError/unavailable(_:)``: the file locked by another process past the busy timeout (`SQLITE_BUSY`,
/// `SQLITE_LOCKED`), a file that cannot be opened or became read-only (`SQLITE_CANTOPEN`, `SQLITE_READONLY`, which
/// includes a file moved or deleted under a rollback journal), a disk error or a full disk (`SQLITE_IOERR`,
/// `SQLITE_FULL`). Every other error (a constraint, a mistake in a query) passes unchanged. The queries in
/// `SQLiteGatewayStore+*.swift` call it exactly as they would call the pool.
struct SQLitePool: Sendable {
    let pool: DatabasePool
    /// The database file, for messages.
    let path: String

    /// `DatabasePool.read`, errors mapped.
    func read<T: Sendable>(_ value: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(value)
        } catch {
            throw mapped(error)
        }
    }

    /// `DatabasePool.write` (one transaction), errors mapped.
    func write<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(updates)
        } catch {
            throw mapped(error)
        }
    }

    /// `DatabasePool.writeWithoutTransaction`, errors mapped.
    func writeWithoutTransaction<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.writeWithoutTransaction(updates)
        } catch {
            throw mapped(error)
        }
    }

    /// `error` as ``StoreError/unavailable(_:)`` when it means the file cannot be used now; else `error`.
    func mapped(_ error: any Error) -> any Error {
        guard let error = error as? DatabaseError, Self.outages.contains(error.resultCode) else { return error }
        return StoreError.unavailable("SQLite database \(path): \(error.message ?? "error \(error.extendedResultCode.rawValue)")")
    }

    private static let outages: [ResultCode] = [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_READONLY]
}
