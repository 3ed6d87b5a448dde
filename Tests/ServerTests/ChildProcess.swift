import AsyncHTTPClient
import Foundation
import GatewayCore
import GatewayTesting
import NIOCore
import NIOHTTP1
import SQLiteStore
import Testing

/// A child process whose stdout and stderr (merged) are read into memory as they arrive.
///
/// Nothing here blocks a thread of Swift's cooperative pool: the pipe is read on a thread of its own, and exit and
/// output are awaited by polling with `Task.sleep`.
///
/// The child is reaped on a thread of its own as soon as it exits, whether or not anyone asks: a zombie left behind
/// stalls swift-testing's exit-test monitor (it waits on any child and finds ours first), and every exit test of
/// the run then waits forever.
final class ChildProcess: @unchecked Sendable {
    private let process: SpawnedProcess
    private let lock = NSLock()
    private var buffer = Data()
    private var outputEnded = false
    /// The exit status once the child has been reaped.
    private var exitStatus: Int32?

    /// Launches the executable; `environment` is added to this process's environment.
    /// - Throws: when the executable cannot be launched.
    init(executable: String, arguments: [String], environment: [String: String] = [:], currentDirectory: String? = nil) throws {
        process = try SpawnedProcess(
            executable: executable, arguments: arguments,
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 }, currentDirectory: currentDirectory)
        // Read until EOF so the child never blocks on a full pipe, however much it prints.
        let thread = Thread { [self] in
            process.readAll { data in lock.withLock { buffer.append(data) } }
            lock.withLock { outputEnded = true }
        }
        thread.start()
        let reaper = Thread { [self] in
            let status = process.waitForExit()
            lock.withLock { exitStatus = status }
        }
        reaper.start()
    }

    /// Whether the child still runs (until its reaper has seen it exit).
    private var isRunning: Bool {
        lock.withLock { exitStatus == nil }
    }

    /// Everything the process printed so far.
    var output: String {
        lock.withLock { String(decoding: buffer, as: UTF8.self) }
    }

    /// Sends a signal to the process.
    func signal(_ signal: Int32) {
        if isRunning { process.signal(signal) }
    }

    /// Kills the process if it still runs (cleanup after a failed test).
    func kill() {
        signal(SIGKILL)
    }

    /// Waits until the output contains `marker`.
    /// - Returns: the output so far.
    /// - Throws: ``TestFailure`` if the process exits first or the time runs out.
    func waitForOutput(containing marker: String, timeout: Duration) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let output = self.output
            if output.contains(marker) { return output }
            if !isRunning {
                try await Task.sleep(for: .milliseconds(100))
                throw TestFailure("the process exited (status \(exitStatus ?? -1)) before printing '\(marker)':\n\(self.output)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("no '\(marker)' within \(timeout):\n\(output)")
    }

    /// Waits for the process to exit and its output to end.
    /// - Returns: the exit status; a process killed by a signal returns 128 + the signal.
    /// - Throws: ``TestFailure`` (after killing it) if it still runs when the time runs out.
    func waitForExit(timeout: Duration) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while isRunning {
            guard ContinuousClock.now < deadline else {
                kill()
                throw TestFailure("the process did not exit within \(timeout):\n\(output)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        // The pipe reaches EOF just after exit; wait briefly so `output` is complete.
        let outputDeadline = ContinuousClock.now + .seconds(5)
        while !lock.withLock({ outputEnded }), ContinuousClock.now < outputDeadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        return lock.withLock { exitStatus ?? -1 }
    }

    /// Runs a process to completion.
    /// - Returns: its exit status and output.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(60)
    ) async throws -> (status: Int32, output: String) {
        let child = try ChildProcess(executable: executable, arguments: arguments, environment: environment)
        let status = try await child.waitForExit(timeout: timeout)
        return (status, child.output)
    }
}
