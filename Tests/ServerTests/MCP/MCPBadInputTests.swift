import Foundation
import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// What `/mcp` does with bad input and failing upstreams, over raw HTTP: a clear JSON-RPC error with a 4xx status
/// for what the client got wrong, a JSON-RPC error naming the server for what the upstream did, and a gateway that
/// keeps serving (a crashed stdio server is started again).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct MCPBadInputTests {
    static let master = GatewayFixture.masterKey
    static let plugins = #"{"plugins": [{"name": "master-key-auth"}, {"name": "mcp-gateway", "config": {"max_message_bytes": 2048}}]}"#

    func withGateway(_ body: (TestEndpoint) async throws -> Void) async throws {
        let closedPort = try FreeLoopbackPort.pick()
        try await MCPUpstreamServers.withRunning { servers in
            let config =
                "general_settings:\n  master_key: \(Self.master)\n" + servers.configSection
                + "\n  down:\n    url: http://127.0.0.1:\(closedPort)/mcp\n    timeout: 5\n"
            try await TestGateway.withRunning(config: config, plugins: Self.plugins) { gateway in try await body(gateway) }
        }
    }

    func post(_ gateway: TestEndpoint, _ body: String, key: String? = master, headers: [String: String] = [:]) async throws -> TestEndpoint.Reply {
        var all = headers
        if let key { all["authorization"] = "Bearer \(key)" }
        return try await gateway.request(.POST, "/mcp", body: body, headers: all)
    }

    func call(_ gateway: TestEndpoint, _ tool: String, _ arguments: String = "{}") async throws -> JSON {
        let reply = try await post(gateway, #"{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"\#(tool)","arguments":\#(arguments)}}"#)
        #expect(reply.status == 200)
        return try #require(reply.json)
    }

    @Test(.timeLimit(.minutes(3)))
    func badMessagesGetJSONRPCErrors() async throws {
        guard try await PythonSDKScript.canImport("mcp") else { return }
        try await withGateway { gateway in
            let notJSON = try await post(gateway, "{not json")
            #expect(notJSON.status == 400)
            #expect(notJSON.json?["error"]?["code"] == -32700)
            #expect(notJSON.json?["id"] == .null)

            let batch = try await post(gateway, #"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#)
            #expect(batch.status == 400)
            #expect(batch.json?["error"]?["code"] == -32600)

            let noVersion = try await post(gateway, #"{"id":1,"method":"ping"}"#)
            #expect(noVersion.status == 400)
            #expect(noVersion.json?["error"]?["code"] == -32600)

            let unknown = try await post(gateway, #"{"jsonrpc":"2.0","id":"a","method":"tools/explode"}"#)
            #expect(unknown.status == 200)
            #expect(unknown.json?["error"]?["code"] == -32601)
            #expect(unknown.json?["id"] == "a")

            let badParams = try await post(
                gateway, #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"weather-forecast","arguments":[1]}}"#)
            #expect(badParams.json?["error"]?["code"] == -32602)

            let oversized = try await post(
                gateway, #"{"jsonrpc":"2.0","id":3,"method":"ping","params":{"pad":"\#(String(repeating: "x", count: 4096))"}}"#)
            #expect(oversized.status == 413)
            #expect(oversized.json?["error"]?["code"] == -32600)

            let notification = try await post(gateway, #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
            #expect(notification.status == 202)

            let anonymous = try await post(gateway, #"{"jsonrpc":"2.0","id":4,"method":"ping"}"#, key: nil)
            #expect(anonymous.status == 401)

            // GET opens a session's event stream: without a session it is refused, saying what is missing.
            let stream = try await gateway.request(.GET, "/mcp", headers: ["authorization": "Bearer \(Self.master)"])
            #expect(stream.status == 400)
            #expect(stream.json?["error"]?["message"]?.stringValue?.contains("Mcp-Session-Id") == true)

            // A cancellation of a call that is not in flight, or with no request id, is ignored (202).
            for params in [#"{"requestId":12345}"#, #"{"requestId":"nope"}"#, #"{}"#, #"[1]"#] {
                let cancelled = try await post(gateway, #"{"jsonrpc":"2.0","method":"notifications/cancelled","params":\#(params)}"#)
                #expect(cancelled.status == 202)
            }

            let unknownServer = try await gateway.request(
                .POST, "/mcp/nowhere", body: #"{"jsonrpc":"2.0","id":5,"method":"ping"}"#, headers: ["authorization": "Bearer \(Self.master)"])
            #expect(unknownServer.status == 404)
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func sessionsAreOpenedCheckedAndEnded() async throws {
        guard try await PythonSDKScript.canImport("mcp") else { return }
        try await withGateway { gateway in
            let initialize = try await post(
                gateway,
                #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#
            )
            #expect(initialize.json?["result"]?["protocolVersion"] == "2025-06-18")
            let session = try #require(initialize.header("mcp-session-id"))
            let ping = try await post(gateway, #"{"jsonrpc":"2.0","id":2,"method":"ping"}"#, headers: ["mcp-session-id": session])
            #expect(ping.status == 200)
            #expect(ping.json?["result"] == [:])
            let forged = try await post(gateway, #"{"jsonrpc":"2.0","id":3,"method":"ping"}"#, headers: ["mcp-session-id": "nope"])
            #expect(forged.status == 404)
            let ended = try await gateway.request(.DELETE, "/mcp", headers: ["authorization": "Bearer \(Self.master)", "mcp-session-id": session])
            #expect(ended.status == 200)
            let afterEnd = try await post(gateway, #"{"jsonrpc":"2.0","id":4,"method":"ping"}"#, headers: ["mcp-session-id": session])
            #expect(afterEnd.status == 404)
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func aClientThatLeavesMidCallLeavesNothingStuck() async throws {
        guard try await PythonSDKScript.canImport("mcp") else { return }
        try await withGateway { gateway in
            #expect(try await call(gateway, "notes-pid")["result"] != nil)
            // The client gives up after half a second of a 3-second call.
            await #expect(throws: (any Error).self) {
                try await gateway.request(
                    .POST, "/mcp", body: #"{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"notes-slow","arguments":{"seconds":3}}}"#,
                    headers: ["authorization": "Bearer \(Self.master)"], timeout: 0.5)
            }
            // The same stdio server answers the next call at once, while the abandoned one is still running there.
            let started = ContinuousClock.now
            #expect(try await call(gateway, "notes-read_note", #"{"name":"x"}"#)["result"]?["content"]?[0]?["text"] == "note x: buy milk")
            #expect(ContinuousClock.now - started < .seconds(2))
            let health = try await gateway.get("/health/liveliness")
            #expect(health.status == 200)
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func upstreamFailuresBecomeErrorsAndACrashedServerIsRestarted() async throws {
        guard try await PythonSDKScript.canImport("mcp") else { return }
        try await withGateway { gateway in
            let down = try await call(gateway, "down-anything")
            #expect(down["error"]?["code"] == -32002)
            #expect(down["error"]?["message"]?.stringValue?.contains("'down' cannot be reached") == true)
            // The server that is down is left out of the list; the others are listed.
            let list = try await post(gateway, #"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#)
            let names = list.json?["result"]?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(names.contains("weather-forecast") && names.contains("notes-pid"))

            let firstPID = try #require(try await call(gateway, "notes-pid")["result"]?["content"]?[0]?["text"]?.stringValue)
            let crash = try await call(gateway, "notes-crash")
            #expect(crash["error"]?["code"] == -32002)
            #expect(crash["error"]?["data"]?["reason"] == "unreachable")
            // Within the backoff the server is not started again; after it, it is, as a new process.
            var restartedPID: String?
            for _ in 0..<50 where restartedPID == nil {
                try await Task.sleep(for: .milliseconds(200))
                restartedPID = try await call(gateway, "notes-pid")["result"]?["content"]?[0]?["text"]?.stringValue
            }
            #expect(restartedPID != nil)
            #expect(restartedPID != firstPID)
            // The other servers served throughout.
            #expect(try await call(gateway, "weather-forecast", #"{"city":"Rome"}"#)["result"]?["content"]?[0]?["text"] == "Sunny in Rome")
        }
    }
}
