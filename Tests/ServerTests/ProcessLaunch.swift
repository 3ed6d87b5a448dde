import Foundation

/// Launches child processes one at a time. Foundation's `Process.run()` on Linux crashed once (a bad pointer in
/// its memcpy) when suites running in parallel launched `psql` and `tollgate` at the same moment; serialising the
/// launch (not the run) costs microseconds.
enum ProcessLaunch {
    private static let lock = NSLock()

    static func run(_ process: Process) throws {
        try lock.withLock { try process.run() }
    }
}
