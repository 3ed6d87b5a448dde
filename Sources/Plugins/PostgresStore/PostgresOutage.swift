import GatewayCore
import PostgresNIO

/// Driver errors as the store reports them.
enum PostgresOutage {
    /// `error` as ``StoreError/unavailable(_:)`` naming `database` when it means the database cannot be reached;
    /// otherwise `error` itself.
    ///
    /// The pool's own errors (`ConnectionPoolError`: shut down, or its circuit breaker open after a minute of
    /// failed connection attempts) are outages too. That type lives in PostgresNIO's underscored
    /// `_ConnectionPoolModule`, which this target does not import, so it is recognised by name.
    static func mapped(_ error: any Error, database: String) -> any Error {
        if let error = error as? PSQLError, error.isOutage {
            return StoreError.unavailable("\(database): \(error.summary)")
        }
        if String(describing: type(of: error)) == "ConnectionPoolError" {
            return StoreError.unavailable("\(database): the connection pool gave up (\(error))")
        }
        return error
    }
}
