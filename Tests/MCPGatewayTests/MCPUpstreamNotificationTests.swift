import AsyncHTTPClient
import Foundation
import GatewayCore
import HTTPTypes
import Logging
import Synchronization
import Testing

@testable import MCPGateway

#if canImport(Glibc)
    import Glibc
#endif

/// Each upstream transport (`Tests/mcp/progress_server.py`, the official MCP Python SDK, over stdio, Streamable HTTP
/// and HTTP+SSE) relays a call's progress with the client's token, and a cancelled call is cancelled in the server,
/// with nothing left in the connection's tables.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_PYTHON"] != nil, "needs TOLLGATE_PYTHON with the mcp package"))
struct MCPUpstreamNotificationTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("mcp/progress_server.py").path

    /// Waits until `path` holds `expected` (the `slow` tool's marker file).
    static func waitFor(_ path: String, _ expected: String) async throws -> Bool {
        for _ in 0..<300 {
            if (try? String(contentsOfFile: path, encoding: .utf8)) == expected { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Starts `progress_server.py <transport> 0` and returns it with the URL it listens on (uvicorn prints the port).
    static func startServer(_ transport: String, python: String, log: String) async throws -> (Process, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, transport, "0"]
        FileManager.default.createFile(atPath: log, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = output
        process.standardError = output
        try process.run()
        for _ in 0..<300 {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"Uvicorn running on http://127\.0\.0\.1:\d+"#, options: .regularExpression) {
                let base = String(text[range].dropFirst("Uvicorn running on ".count))
                return (process, base + (transport == "sse" ? "/sse" : "/mcp"))
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        kill(process.processIdentifier, SIGKILL)
        throw TestFailure("progress_server.py \(transport) did not start")
    }

    struct TestFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    @Test(.timeLimit(.minutes(2)), arguments: ["stdio", "http", "sse"])
    func progressIsRelayedAndACancelledCallLeavesNothingBehind(transport: String) async throws {
        let python = try #require(ProcessInfo.processInfo.environment["TOLLGATE_PYTHON"])
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-upstream-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var server: Process?
        defer {
            // SIGKILL: uvicorn's graceful stop would wait for the event stream the upstream holds open.
            if let server, server.isRunning {
                kill(server.processIdentifier, SIGKILL)
                server.waitUntilExit()
            }
        }
        let upstream: any MCPUpstream
        switch transport {
        case "stdio":
            let definition = MCPServerDefinition(id: "local", name: "local", transport: .stdio, command: python, arguments: [Self.script, "stdio"])
            upstream = StdioUpstream(server: definition, maxMessageBytes: 1 << 20, logger: Logger(label: "test"))
        default:
            let (process, url) = try await Self.startServer(transport, python: python, log: scratch + "/server.log")
            server = process
            let definition = MCPServerDefinition(id: "remote", name: "remote", transport: transport == "sse" ? .sse : .http, url: url)
            let credentials = MCPUpstreamCredentials(httpClient: .shared)
            upstream =
                transport == "sse"
                ? LegacySSEUpstream(server: definition, httpClient: .shared, credentials: credentials, maxMessageBytes: 1 << 20)
                : StreamableHTTPUpstream(server: definition, httpClient: .shared, credentials: credentials, maxMessageBytes: 1 << 20)
        }
        let received = MCPProgressRelayTests.Received()
        let answer = try await upstream.send(
            method: "tools/call", params: ["name": "count", "arguments": ["steps": 3], "_meta": ["progressToken": "client-token"]],
            headers: [:], progress: received.sink)
        #expect(answer["result"]?["content"]?[0]?["text"] == "counted 3")
        #expect(received.all.map { $0["params"]?["progress"]?.doubleValue } == [1, 2, 3])
        #expect(received.all.allSatisfy { $0["params"]?["progressToken"] == "client-token" })
        #expect(await upstream.callsInFlight == 0)

        let marker = scratch + "/slow"
        let call = Task {
            try await upstream.send(
                method: "tools/call", params: ["name": "slow", "arguments": ["seconds": 30, "marker": .string(marker)]], headers: [:],
                progress: received.sink)
        }
        #expect(try await Self.waitFor(marker, "started"))
        call.cancel()
        await #expect(throws: CancellationError.self) { try await call.value }
        #expect(try await Self.waitFor(marker, "cancelled"), "the server's tool was not cancelled")
        #expect(await upstream.callsInFlight == 0)
        // The connection still serves calls.
        let again = try await upstream.send(method: "tools/call", params: ["name": "count", "arguments": ["steps": 1]], headers: [:])
        #expect(again["result"]?["content"]?[0]?["text"] == "counted 1")
        await upstream.close()
    }
}
