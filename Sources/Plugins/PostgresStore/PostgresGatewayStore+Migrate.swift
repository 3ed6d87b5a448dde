import Foundation
import GatewayCore
import Logging
import PostgresNIO

extension PostgresGatewayStore {
    /// Applies pending migrations, each with its bookkeeping row in one transaction.
    ///
    /// Runs on a short-lived `PostgresConnection` of its own, closed before returning, so it works before the pool's
    /// `run()` has started (the plugin migrates in `make`, before the server runs services) and leaves no task
    /// behind. Every transaction first takes `pg_advisory_xact_lock` (released at commit or rollback) and only then
    /// reads `tollgate_migrations`, so instances migrating one database at once apply each version exactly once;
    /// the one that waited finds nothing left to do.
    ///
    /// Its outcome sets ``availability``: ready when it succeeds, unreachable when the database cannot be reached
    /// (the gateway then starts anyway, and the connector migrates once it can).
    /// - Returns: the versions this call applied, in order.
    /// - Throws: ``StoreError/unavailable(_:)`` when the database cannot be reached; ``StoreError/migration(_:)``
    ///   when a migration fails or the database was migrated by a newer Tollgate. The message names the database
    ///   (never the password) and the server's reason.
    public func migrate() async throws -> [Int] {
        try await migrate(upTo: .max)
    }

    /// Applies pending migrations up to version `target` (tests use it to build a database as an older Tollgate left it).
    func migrate(upTo target: Int) async throws -> [Int] {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try settings.connectionConfiguration(), id: 0, logger: logger)
        } catch let error as PSQLError {
            // A server that is down or refuses for now may come back; a setting it rejects for good stops startup.
            guard error.isOutage else { throw StoreError.migration("cannot connect to \(settings) to migrate: \(error.summary)") }
            let failure = StoreError.unavailable("cannot connect to \(settings) to migrate: \(error.summary)")
            availability.update(.unreachable, reason: failure.message)
            throw failure
        }
        do {
            var applied: [Int] = []
            while let version = try await applyNextMigration(on: connection, upTo: target) {
                applied.append(version)
            }
            try await connection.close()
            didMigrate()
            return applied
        } catch {
            try? await connection.close()
            if StoreError.isUnavailable(error) { availability.update(.unreachable, reason: String(describing: error)) }
            throw error
        }
    }

    /// Applies the first pending migration in one transaction. - Returns: its version, or nil when none is pending up to
    /// `target`.
    private func applyNextMigration(on connection: PostgresConnection, upTo target: Int) async throws -> Int? {
        let logger = logger
        do {
            return try await connection.withTransaction(logger: logger) { connection -> Int? in
                try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresMigrations.advisoryLockKey))", logger: logger)
                try await connection.query(PostgresQuery(unsafeSQL: PostgresMigrations.bookkeeping), logger: logger)
                var done = Set<Int>()
                for try await version in try await connection.query("SELECT version FROM tollgate_migrations", logger: logger)
                    .decode(Int.self)
                {
                    done.insert(version)
                }
                guard let next = try PostgresMigrations.all.pending(applied: done).first, next.version <= target else { return nil }
                for statement in next.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                let now = Date().timeIntervalSince1970
                try await connection.query(
                    "INSERT INTO tollgate_migrations (version, name, applied_at) VALUES (\(next.version), \(next.name), \(now))",
                    logger: logger)
                return next.version
            }
        } catch let error as PostgresTransactionError {
            // Report what failed inside (a StoreError, a PSQLError), not the wrapper.
            let cause = error.closureError ?? error.commitError ?? error.beginError ?? error
            if let cause = cause as? PSQLError {
                if cause.isOutage { throw StoreError.unavailable("migrating \(settings) failed: \(cause.summary)") }
                throw StoreError.migration("migrating \(settings) failed: \(cause.summary)")
            }
            throw cause
        }
    }
}
