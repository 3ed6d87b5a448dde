import Synchronization

/// Probes that give up on time: ``within(_:_:)``.
enum ProbeDeadline {
    /// `work`'s result, or nil when it has not finished within `seconds`. Unlike a task group, it does not wait for
    /// `work` to notice its cancellation: a query on a connection whose server vanished may not, until TCP gives up.
    static func within<Result: Sendable>(
        _ seconds: Double, _ work: @escaping @Sendable () async throws -> Result
    ) async throws -> Result? {
        let outcome = FirstOutcome<Result>()
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
}

/// The first of several results, handed to one waiter.
private final class FirstOutcome<Value: Sendable>: Sendable {
    private struct State {
        var result: Result<Value?, any Error>?
        var waiter: CheckedContinuation<Value?, any Error>?
    }

    private let state = Mutex(State())

    /// Keeps `result` unless one came first, and hands it to the waiter.
    func resolve(_ result: Result<Value?, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<Value?, any Error>? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: result)
    }

    /// The first result, once there is one.
    func value() async throws -> Value? {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { state -> Result<Value?, any Error>? in
                if let result = state.result { return result }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
