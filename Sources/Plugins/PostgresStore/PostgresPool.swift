import GatewayCore
import Logging
import PostgresNIO
import Synchronization

/// The store's way to the database: the pooled client of the moment, behind three guards.
///
/// - Every call first asks the store's ``StoreAvailability``: while the database is known to be unreachable, a
///   call fails at once with ``StoreError/unavailable(_:)`` instead of queueing in a pool that cannot connect
///   (PostgresNIO keeps such a request waiting up to a minute).
/// - A driver error that means the database cannot be reached comes out as ``StoreError/unavailable(_:)``
///   (``PostgresOutage``); other errors pass unchanged.
/// - The caller stops waiting when the call answers, when the caller is cancelled, when the connector gives up on
///   the client after an outage (``abandonCalls(on:reason:)``), or after ``callTimeout``: the call runs as a task
///   of its own (see ``FirstOutcome`` for the PostgresNIO hang this avoids), so every store call ends.
///
/// Rows of a query are read after the call returned; an error while reading them (the connection cut mid-result)
/// is the driver's own. ``PostgresConnector`` replaces the client after an outage; a call keeps the one it started
/// with.
final class PostgresPool: Sendable {
    private struct InFlight {
        let client: ObjectIdentifier
        let abandon: @Sendable (StoreError) -> Void
    }

    private struct State {
        var client: PostgresClient
        var inFlight: [UInt64: InFlight] = [:]
        var nextCall: UInt64 = 0
    }

    private let state: Mutex<State>
    let availability: StoreAvailability
    /// The database, for messages (`user@host:port/db`, never the password).
    let database: String
    /// The longest a caller waits for one call, in seconds: far beyond any query of this store, so only a call the
    /// driver lost reaches it.
    let callTimeout: Double

    init(client: PostgresClient, availability: StoreAvailability, database: String, callTimeout: Double = 60) {
        self.state = Mutex(State(client: client))
        self.availability = availability
        self.database = database
        self.callTimeout = callTimeout
    }

    /// The client calls go to now.
    var current: PostgresClient { state.withLock { $0.client } }

    /// Makes `replacement` the client new calls go to. - Returns: the previous one (still running).
    func replace(with replacement: PostgresClient) -> PostgresClient {
        state.withLock { state in
            let previous = state.client
            state.client = replacement
            return previous
        }
    }

    /// Ends the wait of every call still running on `client` with ``StoreError/unavailable(_:)`` (the connector
    /// found the database gone; what they wait for will not come).
    func abandonCalls(on client: PostgresClient, reason: String) {
        let id = ObjectIdentifier(client)
        let abandoned = state.withLock { state in
            let calls = state.inFlight.filter { $0.value.client == id }
            for key in calls.keys { state.inFlight[key] = nil }
            return calls.values
        }
        for call in abandoned { call.abandon(StoreError.unavailable(reason)) }
    }

    /// Runs a query on a pooled connection (`PostgresClient.query`).
    @discardableResult
    func query(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        try await bounded { client in try await client.query(query, logger: logger) }
    }

    /// Runs `body` on a leased connection (`PostgresClient.withConnection`).
    func withConnection<Result: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        try await bounded { client in try await client.withConnection(body) }
    }

    /// Runs `body` in one transaction on one leased connection: committed when it returns, rolled back when it
    /// throws.
    /// - Throws: what `body` threw, or the failure to begin or commit; never the `PostgresTransactionError` wrapper.
    func withTransaction<Result: Sendable>(
        logger: Logger, _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await bounded { client in
            do {
                return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
            } catch let error as PostgresTransactionError {
                throw error.closureError ?? error.commitError ?? error.beginError ?? error
            }
        }
    }

    /// Runs `call` on the current client as a task of its own and waits for the first of: its outcome, the caller's
    /// cancellation, ``abandonCalls(on:reason:)``, ``callTimeout``.
    private func bounded<Result: Sendable>(_ call: @escaping @Sendable (PostgresClient) async throws -> Result) async throws -> Result {
        try availability.checkUsable()
        let outcome = FirstOutcome<Result>()
        let (id, client) = state.withLock { state in
            state.nextCall += 1
            return (state.nextCall, state.client)
        }
        let worker = Task {
            do {
                outcome.resolve(.success(try await call(client)))
            } catch {
                outcome.resolve(.failure(error))
            }
        }
        let abandon: @Sendable (StoreError) -> Void = { error in
            outcome.resolve(.failure(error))
            worker.cancel()
        }
        state.withLock { $0.inFlight[id] = InFlight(client: ObjectIdentifier(client), abandon: abandon) }
        // Gone the moment the call ends.
        let timer = DeadlineTimer(seconds: callTimeout) { [database, callTimeout] in
            abandon(StoreError.unavailable("\(database): no answer within \(callTimeout) s"))
        }
        defer {
            timer.cancel()
            _ = state.withLock { $0.inFlight.removeValue(forKey: id) }
        }
        do {
            return try await withTaskCancellationHandler {
                try await outcome.value()
            } onCancel: {
                outcome.resolve(.failure(CancellationError()))
                worker.cancel()
            }
        } catch {
            throw PostgresOutage.mapped(error, database: database)
        }
    }
}
