/// Thrown by ``withTimeout(seconds:_:)`` when the operation did not finish in time.
public struct TimeoutError: Error, Sendable {}

/// Runs `operation`, cancelling it and throwing ``TimeoutError`` if it takes longer than `seconds`.
public func withTimeout<T: Sendable>(seconds: Double, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            throw TimeoutError()
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw TimeoutError() }
        return first
    }
}
