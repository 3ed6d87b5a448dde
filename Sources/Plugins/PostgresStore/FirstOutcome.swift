import Synchronization

/// The first of several outcomes (the work's result, a deadline, an outage, the caller's cancellation), handed to
/// the one caller waiting for it; later ones are ignored.
///
/// It lets the store stop waiting for a driver call without waiting for the call to notice: PostgresNIO 1.33 can
/// leave a query waiting forever when its connection closes just as the query is sent (the channel write fails,
/// and the query's promise is never completed), and no cancellation reaches it. The abandoned task ends if the
/// driver ever answers.
final class FirstOutcome<Value: Sendable>: Sendable {
    private struct State {
        var outcome: Result<Value, any Error>?
        var waiter: CheckedContinuation<Value, any Error>?
    }

    private let state = Mutex(State())

    /// Keeps `outcome` unless one came first, and hands it to the waiter.
    func resolve(_ outcome: Result<Value, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<Value, any Error>? in
            guard state.outcome == nil else { return nil }
            state.outcome = outcome
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: outcome)
    }

    /// The first outcome, once there is one.
    func value() async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { state -> Result<Value, any Error>? in
                if let outcome = state.outcome { return outcome }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}

/// `work`'s result, or nil when it has not finished within `seconds` (it is cancelled and left to end).
func firstWithin<Result: Sendable>(_ seconds: Double, _ work: @escaping @Sendable () async throws -> Result) async throws -> Result? {
    let outcome = FirstOutcome<Result?>()
    let worker = Task {
        do {
            outcome.resolve(.success(try await work()))
        } catch {
            outcome.resolve(.failure(error))
        }
    }
    let timer = Task {
        try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
        outcome.resolve(.success(nil))
        worker.cancel()
    }
    defer { timer.cancel() }
    return try await outcome.value()
}
