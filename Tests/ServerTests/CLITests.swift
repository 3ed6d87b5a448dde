import AsyncHTTPClient
import Foundation
import GatewayCore
import GatewayTesting
import NIOCore
import NIOHTTP1
import SQLiteStore
import Testing

/// The built `tollgate` binary, run as a child process: help, migrate, startup errors, and graceful shutdown
/// (spend logs flushed, in-flight streams drained) on SIGTERM.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct CLITests {
    static let masterKey = "sk-test-master"

    @Test func helpListsTheCommandsAndOptions() async throws {
        let top = try await ChildProcess.run(try Self.binary(), ["--help"])
        #expect(top.status == 0, "\(top.output)")
        #expect(top.output.contains("serve"), "\(top.output)")
        #expect(top.output.contains("migrate"), "\(top.output)")

        let serve = try await ChildProcess.run(try Self.binary(), ["serve", "--help"])
        #expect(serve.status == 0, "\(serve.output)")
        for option in ["--config", "--plugins", "--port", "--host"] {
            #expect(serve.output.contains(option), "serve --help does not mention \(option):\n\(serve.output)")
        }
    }

    @Test func migrateCreatesTheDatabaseThenReportsItCurrent() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.path + "/data/tollgate.db"
        let plugins = try directory.write("plugins.json", #"{"plugins": [{"name": "sqlite-store", "config": {"path": "\#(database)"}}]}"#)

        let first = try await ChildProcess.run(try Self.binary(), ["migrate", "--plugins", plugins])
        #expect(first.status == 0, "\(first.output)")
        #expect(FileManager.default.fileExists(atPath: database))
        let version = try await SQLiteGatewayStore(path: database).schemaVersion()
        #expect(version > 0)
        let allVersions = (1...max(version, 1)).map(String.init).joined(separator: ", ")
        #expect(first.output.contains("applied \(allVersions)"), "the first run should list the versions it applied:\n\(first.output)")

        let second = try await ChildProcess.run(try Self.binary(), ["migrate", "--plugins", plugins])
        #expect(second.status == 0, "\(second.output)")
        #expect(second.output.contains("schema is current at version \(version)"), "\(second.output)")
    }

    @Test func serveWithAnUnknownPluginExitsListingTheKnownOnes() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let plugins = try directory.write("plugins.json", #"{"plugins": [{"name": "no-such-plugin"}]}"#)

        let result = try await ChildProcess.run(try Self.binary(), ["serve", "--plugins", plugins, "--port", "0"], timeout: .seconds(30))
        #expect(result.status != 0, "\(result.output)")
        #expect(result.output.contains("no-such-plugin"), "\(result.output)")
        for known in ["sqlite-store", "master-key-auth", "spend-log"] {
            #expect(result.output.contains(known), "the error should list \(known):\n\(result.output)")
        }
    }

    @Test func sigtermFlushesBufferedSpendLogsAndExitsZero() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.path + "/spend.db"
        let config = try directory.write(
            "config.yaml",
            """
            model_list:
              - model_name: fake-gpt
                litellm_params:
                  model: fake/fake-gpt
            general_settings:
              master_key: \(Self.masterKey)
            """)
        // A flush interval far past the test's length: only the shutdown flush can write the rows.
        let plugins = try directory.write(
            "plugins.json",
            """
            {"plugins": [
              {"name": "sqlite-store", "config": {"path": "\(database)"}},
              {"name": "master-key-auth"},
              {"name": "spend-log", "config": {"flush_interval_seconds": 60}}
            ]}
            """)

        let server = try await ServedGateway.start(config: config, plugins: plugins, directory: directory.path)
        defer { server.process.kill() }
        var requestIDs: [String] = []
        for index in 0..<3 {
            let reply = try await server.endpoint.post(
                "/v1/chat/completions", json: ["model": "fake-gpt", "messages": [["role": "user", "content": .string("hello \(index)")]]],
                key: Self.masterKey)
            #expect(reply.status == 200, "\(reply.body)")
            requestIDs.append(try #require(reply.header("x-request-id")))
        }
        let beforeShutdown = try await SQLiteGatewayStore(path: database).recentSpendLogs(limit: 10)
        #expect(beforeShutdown.isEmpty, "rows were written before shutdown; the test no longer isolates the shutdown flush")

        server.process.signal(SIGTERM)
        let status = try await server.process.waitForExit(timeout: .seconds(15))
        #expect(status == 0, "\(server.process.output)")

        let rows = try await SQLiteGatewayStore(path: database).recentSpendLogs(limit: 10)
        #expect(Set(rows.map(\.requestID)) == Set(requestIDs), "\(server.process.output)")
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.model == "fake-gpt" && $0.status == "success" })
    }

    @Test func sigtermDrainsAStreamInFlight() async throws {
        try await TestUpstream.withRunning { upstream, _ in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let config = try directory.write(
                "config.yaml",
                """
                model_list:
                  - model_name: slow
                    litellm_params:
                      model: openai/slow-stream
                      api_base: \(upstream.baseURL)/v1
                      api_key: sk-upstream
                general_settings:
                  master_key: \(Self.masterKey)
                """)
            let plugins = try directory.write("plugins.json", #"{"plugins": [{"name": "master-key-auth"}]}"#)
            let server = try await ServedGateway.start(config: config, plugins: plugins, directory: directory.path)
            defer { server.process.kill() }

            var request = HTTPClientRequest(url: server.endpoint.baseURL + "/v1/chat/completions")
            request.method = .POST
            request.headers.add(name: "authorization", value: "Bearer \(Self.masterKey)")
            request.headers.add(name: "content-type", value: "application/json")
            let body: JSON = ["model": "slow", "stream": true, "messages": [["role": "user", "content": "drain me please"]]]
            request.body = .bytes(ByteBuffer(string: body.serializedString()))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            #expect(response.status.code == 200)

            var received = ""
            var signalled = false
            for try await piece in response.body {
                received += String(buffer: piece)
                if !signalled {
                    // The first chunk is here and the rest is seconds away: shut down mid-stream.
                    server.process.signal(SIGTERM)
                    signalled = true
                }
            }
            #expect(signalled)
            #expect(received.hasSuffix("data: [DONE]\n\n"), "the stream was cut:\n\(received)")
            var parser = SSEParser()
            let text = parser.feed(bytes: Array(received.utf8))
                .compactMap { try? JSONParser.parse($0.data) }
                .compactMap { $0["choices"]?[0]?["delta"]?["content"]?.stringValue }
                .joined()
            #expect(text.trimmingCharacters(in: .whitespaces) == "upstream says: drain me please")

            let status = try await server.process.waitForExit(timeout: .seconds(15))
            #expect(status == 0, "\(server.process.output)")
        }
    }

    // MARK: Helpers

    /// The package root: three levels above this file (`Tests/ServerTests/CLITests.swift`).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The `tollgate` binary `swift build`/`swift test` made: next to the test bundle (any `--build-path`), else `.build/debug`.
    static func binary() throws -> String {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tollgate").path
        for candidate in [besideTests, packageRoot + "/.build/debug/tollgate"] where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw TestFailure("no tollgate binary at \(besideTests) or \(packageRoot)/.build/debug/tollgate: run `swift build` first")
    }
}

/// A `tollgate serve` child listening on a port it picked itself.
struct ServedGateway {
    let process: ChildProcess
    let endpoint: TestEndpoint

    /// Starts `tollgate serve --port 0`, reads the bound port from its log and waits until `/health/liveliness` answers.
    static func start(config: String, plugins: String, directory: String) async throws -> ServedGateway {
        let process = try ChildProcess(
            executable: try CLITests.binary(),
            arguments: ["serve", "--config", config, "--plugins", plugins, "--host", "127.0.0.1", "--port", "0"],
            currentDirectory: directory)
        do {
            let marker = "Server started and listening on 127.0.0.1:"
            let output = try await process.waitForOutput(containing: marker, timeout: .seconds(30))
            let digits = output[output.range(of: marker)!.upperBound...].prefix { $0.isNumber }
            guard let port = Int(digits), port > 0 else { throw TestFailure("no port in the server's log:\n\(output)") }
            let endpoint = TestEndpoint(port: port)
            let health = try await endpoint.get("/health/liveliness")
            guard health.status == 200 else { throw TestFailure("liveliness answered \(health.status): \(health.body)") }
            return ServedGateway(process: process, endpoint: endpoint)
        } catch {
            process.kill()
            throw error
        }
    }
}

/// A failure with a message for the test log.
struct TestFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// A child process whose stdout and stderr (merged) are read into memory as they arrive.
///
/// Nothing here blocks a thread of Swift's cooperative pool: the pipe is read on a thread of its own, and exit and
/// output are awaited by polling with `Task.sleep`.
final class ChildProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var buffer = Data()
    private var outputEnded = false

    /// Launches the executable; `environment` is added to this process's environment.
    /// - Throws: when the executable cannot be launched.
    init(executable: String, arguments: [String], environment: [String: String] = [:], currentDirectory: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let reader = pipe.fileHandleForReading
        // Read until EOF so the child never blocks on a full pipe, however much it prints.
        let thread = Thread { [self] in
            while true {
                let data = reader.availableData
                lock.withLock {
                    if data.isEmpty { outputEnded = true } else { buffer.append(data) }
                }
                if data.isEmpty { break }
            }
        }
        thread.start()
    }

    /// Everything the process printed so far.
    var output: String {
        lock.withLock { String(decoding: buffer, as: UTF8.self) }
    }

    /// Sends a signal to the process.
    func signal(_ signal: Int32) {
        if process.isRunning { Foundation.kill(process.processIdentifier, signal) }
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
            if !process.isRunning {
                try await Task.sleep(for: .milliseconds(100))
                throw TestFailure("the process exited (status \(process.terminationStatus)) before printing '\(marker)':\n\(self.output)")
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
        while process.isRunning {
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
        let status = process.terminationStatus
        return process.terminationReason == .uncaughtSignal ? 128 + status : status
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
