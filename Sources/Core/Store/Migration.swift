/// One versioned schema change of a store: applied once, in version order, in its own transaction, and recorded
/// in the store's `tollgate_migrations` table.
public struct Migration: Sendable, Hashable {
    public let version: Int
    public let name: String
    /// SQL statements in the store's dialect, run in order.
    public let statements: [String]

    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}

extension Array where Element == Migration {
    /// The migrations not yet applied, in version order.
    /// - Throws: ``StoreError/migration(_:)`` when versions repeat, or the database has a version this build
    ///   does not know (it was migrated by a newer Tollgate).
    public func pending(applied: Set<Int>) throws -> [Migration] {
        let versions = map(\.version)
        guard Set(versions).count == versions.count else { throw StoreError.migration("duplicate migration versions") }
        if let unknown = applied.subtracting(versions).max() {
            throw StoreError.migration("the database has schema version \(unknown), which this Tollgate does not know; upgrade Tollgate")
        }
        return filter { !applied.contains($0.version) }.sorted { $0.version < $1.version }
    }
}
