import Foundation
import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// The older HTTP+SSE transport (protocol 2024-11-05) towards an upstream server: the official Python SDK's server run
/// with `sse`, reached by the gateway through its event stream and message endpoint.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct MCPLegacySSETests {
    static let master = GatewayFixture.masterKey

    @Test(.timeLimit(.minutes(3)))
    func anSSEUpstreamIsListedAndCalled() async throws {
        guard try await PythonSDKScript.canImport("mcp") else { return }
        let port = try FreeLoopbackPort.pick()
        let legacy = try ChildProcess(
            executable: "/usr/bin/env",
            arguments: [SDKCompatibilityTests.python, MCPUpstreamServers.folder + "/weather_server.py", String(port), "sse"],
            environment: ["PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"])
        defer { legacy.kill() }
        _ = try await legacy.waitForOutput(containing: "Uvicorn running", timeout: .seconds(30))
        let config = """
            general_settings:
              master_key: \(Self.master)
            mcp_servers:
              legacy:
                url: http://127.0.0.1:\(port)/sse
                transport: sse
            """
        let plugins = #"{"plugins": [{"name": "master-key-auth"}, {"name": "mcp-gateway"}]}"#
        try await TestGateway.withRunning(config: config, plugins: plugins) { gateway in
            func send(_ body: String) async throws -> JSON {
                let reply = try await gateway.request(.POST, "/mcp", body: body, headers: ["authorization": "Bearer \(Self.master)"])
                return try #require(reply.json)
            }
            let list = try await send(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#)
            let names = list["result"]?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(names.contains("legacy-forecast") && names.contains("legacy-echo"), "\(list)")
            let call = try await send(
                #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"legacy-forecast","arguments":{"city":"Kyiv"}}}"#)
            #expect(call["result"]?["content"]?[0]?["text"] == "Sunny in Kyiv")
            // Several calls at once share the one event stream, each answer reaching its caller.
            let cities = ["A", "B", "C", "D"]
            let answers = try await withThrowingTaskGroup(of: (String, JSON?).self) { group in
                for city in cities {
                    group.addTask {
                        let reply = try await send(
                            #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"legacy-forecast","arguments":{"city":"\#(city)"}}}"#)
                        return (city, reply["result"]?["content"]?[0]?["text"])
                    }
                }
                var answers: [String: JSON?] = [:]
                for try await (city, text) in group { answers[city] = text }
                return answers
            }
            for city in cities { #expect(answers[city] == .string("Sunny in \(city)")) }
        }
    }
}
