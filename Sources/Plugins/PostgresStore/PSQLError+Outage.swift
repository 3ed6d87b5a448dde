import PostgresNIO

extension PSQLError {
    /// Whether the error means the database could not be reached or went away, so the same call may work later:
    /// the connection failed or was closed, the server is starting up or shutting down (SQLSTATE class 08, 57P),
    /// has no connection slot left (53300), has no such database (3D000, dropped or not created yet), or refused
    /// the credentials (class 28: a password rotated on the server is fixed there, without restarting Tollgate).
    /// A query the server refused for what it asked (a constraint, a syntax error) is not an outage.
    var isOutage: Bool {
        switch code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
            return true
        case .server:
            guard let state = serverInfo?[.sqlState] else { return false }
            return state.hasPrefix("08") || state.hasPrefix("57P") || state.hasPrefix("28") || state == "53300" || state == "3D000"
        default:
            return false
        }
    }
}
