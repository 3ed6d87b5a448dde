import Foundation

/// Serializes starting child processes in a test process, and lets a test wait until none is being started.
///
/// A child being started holds a copy of the parent's descriptors until it closes them (just before its program
/// runs). A test that closes a file and expects its `flock` gone (a spend journal segment adopted by the next
/// writer) waits for ``waitForSpawnsInFlight()`` first: a copy taken by a child started meanwhile keeps the lock.
public enum ChildSpawns {
    private static let lock = NSLock()

    /// Runs `spawn` (a `posix_spawn` that returns once the child closed what it inherited) while no other child
    /// is being started.
    public static func exclusively<Result>(_ spawn: () throws -> Result) rethrows -> Result {
        try lock.withLock(spawn)
    }

    /// Returns once every child being started when it was called has been started.
    public static func waitForSpawnsInFlight() {
        lock.withLock {}
    }
}
