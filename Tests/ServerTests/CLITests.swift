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

    @Test func theShippedConfigAndPluginsServeTheExampleModel() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let root = Self.packageRoot
        let server = try await ServedGateway.start(
            config: root + "/config.example.yaml", plugins: root + "/plugins.json", directory: directory.path,
            environment: ["TOLLGATE_ENCRYPTION_KEY": "example-encryption-key-for-the-cli-test-0000"])
        defer { server.process.kill() }
        let key = "sk-tollgate-dev-master-key"
        let chat = try await server.endpoint.post(
            "/v1/chat/completions", json: ["model": "fake-gpt", "messages": [["role": "user", "content": "hello"]]], key: key)
        #expect(chat.status == 200, "\(chat.body)")
        let added = try await server.endpoint.post(
            "/model/new", json: ["model_name": "fake-extra", "litellm_params": ["model": "fake/extra", "api_key": "sk-not-shown"]], key: key)
        #expect(added.status == 200, "\(added.body)")
        let extra = try await server.endpoint.post(
            "/v1/chat/completions", json: ["model": "fake-extra", "messages": [["role": "user", "content": "hello"]]], key: key)
        #expect(extra.status == 200, "\(extra.body)")
        #expect(FileManager.default.fileExists(atPath: directory.path + "/tollgate.db"))
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
