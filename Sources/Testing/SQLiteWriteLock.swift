import Foundation
import GRDB

/// SQLite's write lock on a file, held by a connection of another "process" (its own connection, on a thread of
/// its own, in a write transaction that waits) until released.
public final class SQLiteWriteLock: Sendable {
    private let released = DispatchSemaphore(value: 0)
    private let ended = AsyncStream.makeStream(of: Void.self)

    /// Opens the file and holds its write lock. - Returns: once the lock is held.
    public static func take(_ path: String) async throws -> SQLiteWriteLock {
        let lock = SQLiteWriteLock()
        let queue = try DatabaseQueue(path: path)
        try await withCheckedThrowingContinuation { (held: CheckedContinuation<Void, any Error>) in
            Thread {
                var holding = false
                do {
                    try queue.write { db in
                        // A write takes the lock; the transaction stays open until release().
                        try db.execute(sql: "UPDATE tollgate_migrations SET name = name")
                        holding = true
                        held.resume()
                        lock.released.wait()
                    }
                } catch {
                    if !holding { held.resume(throwing: error) }
                }
                lock.ended.continuation.finish()
            }.start()
        }
        return lock
    }

    /// Lets the holder commit, and returns once it has (the lock is free then).
    public func release() async {
        released.signal()
        for await _ in ended.stream {}
    }

    /// Lets the holder commit without waiting (cleanup after a failed test).
    public func releaseNow() { released.signal() }
}
