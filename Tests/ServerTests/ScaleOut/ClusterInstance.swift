import Foundation
import GatewayTesting
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One `tollgate serve` of a cluster: a fixed loopback port (so nginx finds it again after a restart) and a folder
/// of its own as working directory, holding its config, its plugins.json and its spend journal, as a host of its
/// own would. Restarted in the same folder, it replays what its journal kept.
final class ClusterInstance: Sendable {
    /// 1-based, as the test names them ("instance 1").
    let number: Int
    let port: Int
    let directory: TemporaryDirectory
    private let environment: [String: String]
    private let current: Mutex<ChildProcess?>

    var endpoint: TestEndpoint { TestEndpoint(port: port) }
    /// `journal_dir` in the plugins.json the cluster writes, relative to ``directory``.
    var journalFolder: String { directory.path + "/spend-journal" }
    var process: ChildProcess? { current.withLock { $0 } }

    init(number: Int, config: String, plugins: String, environment: [String: String]) throws {
        self.number = number
        port = try FreeLoopbackPort.pick()
        directory = try TemporaryDirectory()
        try directory.write("config.yaml", config)
        try directory.write("plugins.json", plugins)
        // The name its logs, metrics and budget leases carry (`--instance-id`'s variable), the same after a restart.
        self.environment = environment.merging(["TOLLGATE_INSTANCE_ID": "gateway-\(number)"]) { $1 }
        current = Mutex(nil)
    }

    /// Starts the binary and waits until it listens and answers `/health/readiness` with 200 (storage ready).
    func start() async throws {
        let process = try ChildProcess(
            executable: try CLITests.binary(),
            arguments: [
                "serve", "--config", "config.yaml", "--plugins", "plugins.json", "--host", "127.0.0.1", "--port", String(port),
                "--log-level", "warning",
            ],
            environment: environment, currentDirectory: directory.path)
        current.withLock { $0 = process }
        let deadline = ContinuousClock.now + .seconds(60)
        var last = "no answer"
        while ContinuousClock.now < deadline {
            if let reply = try? await endpoint.get("/health/readiness") {
                if reply.status == 200 { return }
                last = "\(reply.status): \(reply.body)"
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.kill()
        throw TestFailure("instance \(number) was not ready within 60 s (last: \(last)):\n\(process.output.suffix(3000))")
    }

    /// SIGKILL: no drain, no flush; what its journal holds waits for a restart in the same folder.
    func kill() {
        process?.signal(SIGKILL)
    }

    /// SIGTERM, then waits for the exit. - Returns: the exit status (0 after a clean drain and flush).
    func stop() async throws -> Int32 {
        guard let process else { return 0 }
        process.signal(SIGTERM)
        return try await process.waitForExit(timeout: .seconds(60))
    }

    /// Kills the process if it still runs and removes the folder (cleanup, also after a failure).
    func remove() {
        process?.kill()
        directory.remove()
    }
}
