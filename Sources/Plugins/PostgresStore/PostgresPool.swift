import GatewayCore
import Logging
import PostgresNIO
import Synchronization

/// The store's way to the database: the pooled client of the moment, behind two guards.
///
/// - Every call first asks the store's ``StoreAvailability``: while the database is known to be unreachable, a
///   call fails at once with ``StoreError/unavailable(_:)`` instead of queueing in a pool that cannot connect
///   (PostgresNIO keeps such a request waiting up to a minute).
/// - A driver error that means the database cannot be reached comes out as ``StoreError/unavailable(_:)``
///   (``PostgresOutage``); other errors pass unchanged. An error met while reading rows after the query started
///   (the connection cut mid-result) is the driver's own.
///
/// ``PostgresConnector`` replaces the client after an outage; a call keeps the one it started with.
final class PostgresPool: Sendable {
    private let client: Mutex<PostgresClient>
    let availability: StoreAvailability
    /// The database, for messages (`user@host:port/db`, never the password).
    let database: String

    init(client: PostgresClient, availability: StoreAvailability, database: String) {
        self.client = Mutex(client)
        self.availability = availability
        self.database = database
    }

    /// The client calls go to now.
    var current: PostgresClient { client.withLock { $0 } }

    /// Makes `replacement` the client new calls go to. - Returns: the previous one (still running).
    func replace(with replacement: PostgresClient) -> PostgresClient {
        client.withLock { client in
            let previous = client
            client = replacement
            return previous
        }
    }

    /// Runs a query on a pooled connection (`PostgresClient.query`).
    @discardableResult
    func query(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        try availability.checkUsable()
        do {
            return try await current.query(query, logger: logger)
        } catch {
            throw PostgresOutage.mapped(error, database: database)
        }
    }

    /// Runs `body` on a leased connection (`PostgresClient.withConnection`).
    func withConnection<Result>(
        isolation: isolated (any Actor)? = #isolation, _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        try availability.checkUsable()
        do {
            return try await current.withConnection(isolation: isolation, body)
        } catch {
            throw PostgresOutage.mapped(error, database: database)
        }
    }

    /// Runs `body` in one transaction on one leased connection: committed when it returns, rolled back when it
    /// throws.
    /// - Throws: what `body` threw, or the failure to begin or commit; never the `PostgresTransactionError` wrapper.
    func withTransaction<Result>(
        logger: Logger, isolation: isolated (any Actor)? = #isolation, _ body: (PostgresConnection) async throws -> sending Result
    ) async throws -> sending Result {
        try availability.checkUsable()
        do {
            return try await current.withTransaction(logger: logger, isolation: isolation, body)
        } catch let error as PostgresTransactionError {
            throw PostgresOutage.mapped(error.closureError ?? error.commitError ?? error.beginError ?? error, database: database)
        } catch {
            throw PostgresOutage.mapped(error, database: database)
        }
    }
}
