import Foundation
import GatewayCore
import HTTPTypes
import Logging
import Synchronization
import Testing

@testable import MCPGateway

/// A stdio upstream (`Tests/mcp/progress_server.py`, the official MCP Python SDK) relays a call's progress with the
/// client's token, and a cancelled call is cancelled in the child, with nothing left in the connection's tables.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_PYTHON"] != nil, "needs TOLLGATE_PYTHON with the mcp package"))
struct StdioUpstreamNotificationTests {
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

    @Test(.timeLimit(.minutes(2)))
    func progressIsRelayedAndACancelledCallLeavesNothingBehind() async throws {
        let python = try #require(ProcessInfo.processInfo.environment["TOLLGATE_PYTHON"])
        let server = MCPServerDefinition(id: "local", name: "local", transport: .stdio, command: python, arguments: [Self.script, "stdio"])
        let upstream = StdioUpstream(server: server, maxMessageBytes: 1 << 20, logger: Logger(label: "test"))
        let received = MCPProgressRelayTests.Received()
        let answer = try await upstream.send(
            method: "tools/call", params: ["name": "count", "arguments": ["steps": 3], "_meta": ["progressToken": "client-token"]],
            headers: [:], progress: received.sink)
        #expect(answer["result"]?["content"]?[0]?["text"] == "counted 3")
        #expect(received.all.map { $0["params"]?["progress"]?.doubleValue } == [1, 2, 3])
        #expect(received.all.allSatisfy { $0["params"]?["progressToken"] == "client-token" })

        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("slow-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let call = Task {
            try await upstream.send(
                method: "tools/call", params: ["name": "slow", "arguments": ["seconds": 30, "marker": .string(marker)]], headers: [:],
                progress: received.sink)
        }
        #expect(try await Self.waitFor(marker, "started"))
        call.cancel()
        await #expect(throws: CancellationError.self) { try await call.value }
        #expect(try await Self.waitFor(marker, "cancelled"), "the child's tool was not cancelled")
        let left = await upstream.inFlight
        #expect(left.pending == 0 && left.progressRoutes == 0)
        // The connection still serves calls.
        let again = try await upstream.send(method: "tools/call", params: ["name": "count", "arguments": ["steps": 1]], headers: [:])
        #expect(again["result"]?["content"]?[0]?["text"] == "counted 1")
        await upstream.close()
    }
}
