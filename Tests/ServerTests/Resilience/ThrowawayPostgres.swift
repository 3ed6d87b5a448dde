import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A Postgres cluster a test owns, to stop and start at will (never the shared server of
/// `scripts/test-postgres`): `initdb` in a folder of its own, a free loopback port, trust authentication,
/// removed at the end.
///
/// As root, the server binaries run as the `postgres` user (they refuse root), as `scripts/test-postgres` does.
/// Every command is awaited without blocking a thread of the cooperative pool (``ChildProcess``).
struct ThrowawayPostgres: Sendable {
    /// The data folder, also the folder of the server's Unix socket.
    let directory: String
    let port: Int
    private let binaries: String

    /// The URL of its `postgres` database, with a password that trust authentication ignores and logs must never show.
    var url: String { "postgres://postgres:\(Self.password)@127.0.0.1:\(port)/postgres" }
    /// The password in ``url``.
    static let password = "throwaway-secret"

    /// Creates a cluster (not started), runs `body`, then stops and removes it, also when `body` throws.
    static func withCluster<T>(_ body: (ThrowawayPostgres) async throws -> T) async throws -> T {
        let cluster = try await create()
        do {
            let result = try await body(cluster)
            await cluster.remove()
            return result
        } catch {
            await cluster.remove()
            throw error
        }
    }

    private static func create() async throws -> ThrowawayPostgres {
        let binaries = try binaryFolder()
        let directory = "/tmp/tollgate-pgfault-" + UUID().uuidString.prefix(8).lowercased()
        let cluster = ThrowawayPostgres(directory: directory, port: try FreeLoopbackPort.pick(), binaries: binaries)
        try await cluster.run("initdb", ["-D", directory, "-A", "trust", "-U", "postgres", "--no-sync", "--no-instructions"])
        return cluster
    }

    /// Starts the server and waits until it accepts connections.
    func start() async throws {
        let options = "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50"
        do {
            try await run("pg_ctl", ["-D", directory, "-l", directory + "/server.log", "-o", options, "-w", "-t", "60", "start"])
        } catch {
            // pg_ctl only says to look at the server's log: say what it says.
            let log = (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? ""
            throw TestFailure("\(error)\nserver.log:\n\(log.suffix(2000))")
        }
    }

    /// Stops the server (fast shutdown: open connections are cut, as in a restart) and waits until it is gone.
    func stop() async throws {
        try await run("pg_ctl", ["-D", directory, "-m", "fast", "-w", "-t", "60", "stop"])
    }

    /// Runs SQL with `psql` over TCP. - Returns: the unaligned, tuples-only output, trimmed.
    @discardableResult
    func sql(_ query: String) async throws -> String {
        let (status, output) = try await ChildProcess.run(
            binaries + "/psql", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-tAc", query])
        guard status == 0 else { throw TestFailure("psql failed (\(status)): \(output)") }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func remove() async {
        _ = try? await run("pg_ctl", ["-D", directory, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs a server binary (as `postgres` when we are root). - Throws: ``TestFailure`` with its output when it fails.
    private func run(_ binary: String, _ arguments: [String]) async throws {
        let command = ([binaries + "/" + binary] + arguments).map(Self.shellQuoted).joined(separator: " ")
        let (status, output) =
            getuid() == 0
            ? try await ChildProcess.run("/bin/su", ["postgres", "-s", "/bin/bash", "-c", command], timeout: .seconds(120))
            : try await ChildProcess.run("/bin/bash", ["-c", command], timeout: .seconds(120))
        guard status == 0 else { throw TestFailure("\(binary) failed (\(status)): \(output)") }
    }

    private static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The newest `/usr/lib/postgresql/*/bin` with `initdb` (Debian's layout, as `scripts/test-postgres` finds it).
    private static func binaryFolder() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let found = versions.compactMap { Int($0) }.sorted(by: >).map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
        guard let found else { throw TestFailure("no PostgreSQL server binaries under \(root) (install postgresql; scripts/test does)") }
        return found
    }
}
