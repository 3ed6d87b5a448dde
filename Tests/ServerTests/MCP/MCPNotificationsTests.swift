import AsyncHTTPClient
import Foundation
import GatewayCore
import GatewayTesting
import NIOCore
import NIOHTTP1
import Testing

/// Progress notifications, cancellation and `tools/list_changed` through the gateway, with the official MCP Python
/// SDK on both sides: `Tests/mcp/progress_server.py` as three upstream servers (`local` over stdio, `remote` over
/// Streamable HTTP, `legacy` over HTTP+SSE) and `Tests/mcp/mcp_notifications_check.py` as the client, over
/// Streamable HTTP (`/mcp`) and the older transport (`/sse`).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct MCPNotificationsTests {
    static let master = GatewayFixture.masterKey
    static let servers = "local,remote,legacy"

    /// The upstream servers and a gateway in front of them (SQLite, so servers can be added through the API).
    static func withGateway(_ body: (TestEndpoint, _ remoteURL: String, _ markers: String) async throws -> Void) async throws {
        let (httpPort, ssePort) = (try FreeLoopbackPort.pick(), try FreeLoopbackPort.pick())
        let script = MCPUpstreamServers.folder + "/progress_server.py"
        let environment = ["PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"]
        let remote = try ChildProcess(
            executable: "/usr/bin/env", arguments: [SDKCompatibilityTests.python, script, "http", String(httpPort)], environment: environment)
        defer { remote.kill() }
        let legacy = try ChildProcess(
            executable: "/usr/bin/env", arguments: [SDKCompatibilityTests.python, script, "sse", String(ssePort)], environment: environment)
        defer { legacy.kill() }
        _ = try await remote.waitForOutput(containing: "Uvicorn running", timeout: .seconds(30))
        _ = try await legacy.waitForOutput(containing: "Uvicorn running", timeout: .seconds(30))
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let remoteURL = "http://127.0.0.1:\(httpPort)/mcp"
        let config = """
            general_settings:
              master_key: \(master)
            mcp_servers:
              local:
                transport: stdio
                command: /usr/bin/env
                args: ["\(SDKCompatibilityTests.python)", "\(script)", "stdio"]
              remote:
                url: \(remoteURL)
              legacy:
                url: http://127.0.0.1:\(ssePort)/sse
                transport: sse
            """
        let plugins = """
            {"plugins": [{"name": "sqlite-store", "config": {"path": "\(directory.path)/mcp.db"}}, {"name": "master-key-auth"},
              {"name": "spend-log", "config": {"flush_interval_seconds": 0.05}}, {"name": "mcp-gateway"}]}
            """
        try await TestGateway.withRunning(
            config: config, plugins: plugins, environment: ["TOLLGATE_ENCRYPTION_KEY": MCPGatewayEndToEndTests.encryptionKey]
        ) { gateway in
            try await body(gateway, remoteURL, directory.path)
        }
    }

    /// Runs one check of `mcp_notifications_check.py` and expects it to pass.
    static func check(_ check: String, transport: String, gateway: TestEndpoint, markers: String, extra: [String: String] = [:]) async throws {
        let client = try ChildProcess(
            executable: "/usr/bin/env", arguments: [SDKCompatibilityTests.python, MCPUpstreamServers.folder + "/mcp_notifications_check.py"],
            environment: [
                "GATEWAY_URL": gateway.baseURL, "GATEWAY_KEY": master, "MCP_CHECK": check, "MCP_TRANSPORT": transport, "MCP_SERVERS": servers,
                "MARKER_DIR": markers, "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1", "NO_PROXY": "127.0.0.1,localhost",
                "no_proxy": "127.0.0.1,localhost",
            ].merging(extra) { _, new in new })
        let status = try await client.waitForExit(timeout: .seconds(120))
        #expect(status == 0, "mcp_notifications_check.py \(check) over \(transport) failed:\n\(client.output)")
    }

    @Test(.timeLimit(.minutes(4)))
    func progressReachesOnlyItsOwnCaller() async throws {
        guard try await PythonSDKScript.canImport("mcp, httpx2") else { return }
        try await Self.withGateway { gateway, _, markers in
            try await Self.check("progress", transport: "http", gateway: gateway, markers: markers)
            try await Self.check("progress", transport: "sse", gateway: gateway, markers: markers)
        }
    }

    @Test(.timeLimit(.minutes(4)))
    func cancellingACallCancelsItUpstream() async throws {
        guard try await PythonSDKScript.canImport("mcp, httpx2") else { return }
        try await Self.withGateway { gateway, _, markers in
            try await Self.check("cancel", transport: "http", gateway: gateway, markers: markers)
            try await Self.check("cancel", transport: "sse", gateway: gateway, markers: markers)
            try await Self.check("disconnect", transport: "http", gateway: gateway, markers: markers)
            // Each cancelled call is logged as such: three per server (cancelled over /mcp and /sse, and a disconnect).
            let rows = try await MCPGatewayEndToEndTests.mcpRows(gateway, atLeast: 9 + 6)
            for server in Self.servers.split(separator: ",") {
                let slow = rows.filter { $0["model"]?.stringValue == "\(server)-slow" }
                #expect(slow.count == 3, "\(slow)")
                #expect(slow.allSatisfy { $0["metadata"]?["mcp_outcome"] == "cancelled" }, "\(slow)")
            }
        }
    }

    @Test(.timeLimit(.minutes(4)), arguments: ["http", "sse"])
    func toolListChangesReachConnectedClients(transport: String) async throws {
        guard try await PythonSDKScript.canImport("mcp, httpx2") else { return }
        try await Self.withGateway { gateway, remoteURL, markers in
            try await Self.check(
                "listchanged", transport: transport, gateway: gateway, markers: markers,
                extra: ["MASTER_KEY": Self.master, "NEW_SERVER_URL": remoteURL])
        }
    }

    /// `GET /mcp` over raw HTTP: refused without a session, with another key's session or without accepting an event
    /// stream; with its own session it is an event stream that carries `notifications/tools/list_changed` when a
    /// server is added through the API.
    @Test(.timeLimit(.minutes(2)))
    func theGetStreamNeedsItsSessionAndCarriesListChanged() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let plugins = """
            {"plugins": [{"name": "sqlite-store", "config": {"path": "\(directory.path)/mcp.db"}}, {"name": "master-key-auth"},
              {"name": "virtual-keys"}, {"name": "mcp-gateway"}]}
            """
        try await TestGateway.withRunning(
            config: "general_settings:\n  master_key: \(Self.master)\n", plugins: plugins,
            environment: ["TOLLGATE_ENCRYPTION_KEY": MCPGatewayEndToEndTests.encryptionKey]
        ) { gateway in
            let initialize = try await gateway.request(
                .POST, "/mcp",
                body:
                    #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
                headers: ["authorization": "Bearer \(Self.master)"])
            #expect(initialize.json?["result"]?["capabilities"]?["tools"]?["listChanged"] == true)
            let session = try #require(initialize.header("mcp-session-id"))
            let other = try #require(try await gateway.post("/key/generate", json: [:], key: Self.master).json?["key"]?.stringValue)
            let accept = "text/event-stream"
            let stolen = try await gateway.request(
                .GET, "/mcp", headers: ["authorization": "Bearer \(other)", "mcp-session-id": session, "accept": accept])
            #expect(stolen.status == 404)
            let unknown = try await gateway.request(
                .GET, "/mcp", headers: ["authorization": "Bearer \(Self.master)", "mcp-session-id": "nope", "accept": accept])
            #expect(unknown.status == 404)
            let notAccepting = try await gateway.request(
                .GET, "/mcp", headers: ["authorization": "Bearer \(Self.master)", "mcp-session-id": session])
            #expect(notAccepting.status == 406)
            let nowhere = try await gateway.request(
                .GET, "/mcp/nowhere", headers: ["authorization": "Bearer \(Self.master)", "mcp-session-id": session, "accept": accept])
            #expect(nowhere.status == 404)

            var request = HTTPClientRequest(url: gateway.baseURL + "/mcp")
            request.headers.add(name: "authorization", value: "Bearer \(Self.master)")
            request.headers.add(name: "mcp-session-id", value: session)
            request.headers.add(name: "accept", value: accept)
            let stream = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            #expect(stream.status == .ok)
            #expect(stream.headers.first(name: "content-type") == "text/event-stream")
            let added = try await gateway.post(
                "/v1/mcp/server", json: ["server_name": "added", "url": "http://127.0.0.1:9/mcp"], key: Self.master)
            #expect(added.status == 200)
            // The first message on the stream, or nil when none comes within 15 seconds.
            let first = try await withThrowingTaskGroup(of: JSON?.self) { group in
                group.addTask {
                    var parser = SSEParser()
                    for try await chunk in stream.body {
                        if let message = parser.feed(chunk).lazy.compactMap({ try? JSONParser.parse($0.data) }).first { return message }
                    }
                    return nil
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(15))
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
            #expect(first?["method"] == "notifications/tools/list_changed")
            #expect(first != nil && first?["id"] == nil)
        }
    }
}
