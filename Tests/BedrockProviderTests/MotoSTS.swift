import Foundation
import GatewayTesting
import Synchronization
import Testing

/// moto's server (PyPI `moto[server]`, a reimplementation of AWS APIs that botocore's own users test against) on a
/// free loopback port, as the real STS implementation: `AssumeRole` and `AssumeRoleWithWebIdentity` answered in
/// STS's XML, with fresh `ASIA…` keys and an `Expiration` that honours `DurationSeconds`.
///
/// moto's STS validates nothing: not the SigV4 signature of `AssumeRole` (unless IAM access control is switched on,
/// which needs IAM users set up first), not the role (it need not exist), not the web identity token. Those checks are
/// ``STSStandIn``'s. The interpreter is `TOLLGATE_PYTHON` (default `python3`; `scripts/test` installs moto into its
/// venv from `Tests/sdk/requirements.txt`).
enum MotoSTS {
    static let python = ProcessInfo.processInfo.environment["TOLLGATE_PYTHON"] ?? "python3"

    /// What moto printed so far (its address among it).
    private final class Output: Sendable {
        let text = Mutex("")
    }

    /// Runs moto for the duration of `body`, which receives its base URL; then stops it.
    /// - Throws: when moto cannot be started (an issue says how to install it).
    static func withRunning<T: Sendable>(_ body: (String) async throws -> T) async throws -> T {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // moto exits when its stdin closes: when this test ends, and when this test process dies without stopping it.
        // (A signal is no way to stop it: a child started from a Swift process inherits its blocked SIGTERM.)
        let script = """
            import os, sys, threading
            threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
            from moto.server import main
            main(["-H", "127.0.0.1", "-p", "0"])
            """
        process.arguments = [python, "-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONUNBUFFERED"] = "1"
        process.environment = environment
        let input = Pipe()
        process.standardInput = input
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let output = Output()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty { handle.readabilityHandler = nil } else { output.text.withLock { $0 += String(decoding: data, as: UTF8.self) } }
        }
        try ChildSpawns.exclusively { try process.run() }
        defer {
            try? input.fileHandleForWriting.close()
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        let deadline = ContinuousClock.now + .seconds(30)
        var port: String?
        while port == nil, ContinuousClock.now < deadline, process.isRunning {
            let seen = output.text.withLock { $0 }
            if let range = seen.range(of: #"Running on http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                port = String(seen[range].split(separator: ":").last ?? "")
            } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        guard let port else {
            Issue.record(
                """
                moto's server did not start under '\(python)' (run scripts/test, which installs Tests/sdk/requirements.txt into .venv, \
                or `.venv/bin/pip install 'moto[server]'`; TOLLGATE_SKIP_SDK=1 skips): \(output.text.withLock { $0 })
                """)
            throw CancellationError()
        }
        return try await body("http://127.0.0.1:\(port)")
    }
}
