import Foundation
import GatewayTesting
import Testing

/// The upstream MCP servers of the MCP gateway's tests, written with the official MCP Python SDK (`Tests/mcp/`):
/// `weather` over Streamable HTTP (a process of its own on a free loopback port) and `notes` over stdio (started by
/// the gateway itself as a child process).
struct MCPUpstreamServers {
    let weatherURL: String

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("mcp").path

    /// config.yaml's `mcp_servers` section for both servers.
    var configSection: String {
        """
        mcp_servers:
          weather:
            url: \(weatherURL)
            transport: http
            description: Forecasts
            mcp_info:
              mcp_server_cost_info: {default_cost_per_query: 0.01, tool_name_to_cost_per_query: {forecast: 0.02}}
          notes:
            transport: stdio
            command: /usr/bin/env
            args: ["\(SDKCompatibilityTests.python)", "\(Self.folder)/notes_server.py"]
        """
    }

    /// Runs `body` while the weather server runs.
    static func withRunning(_ body: (MCPUpstreamServers) async throws -> Void) async throws {
        let port = try FreeLoopbackPort.pick()
        let weather = try ChildProcess(
            executable: "/usr/bin/env", arguments: [SDKCompatibilityTests.python, folder + "/weather_server.py", String(port)],
            environment: ["PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"])
        defer { weather.kill() }
        _ = try await weather.waitForOutput(containing: "Uvicorn running", timeout: .seconds(30))
        try await body(MCPUpstreamServers(weatherURL: "http://127.0.0.1:\(port)/mcp"))
    }

    /// Runs `Tests/mcp/mcp_client_check.py` (the official Python client) against the gateway and expects it to pass.
    /// - Returns: what it printed.
    @discardableResult
    static func runClient(_ check: String, gateway: TestEndpoint, key: String, path: String = "/mcp") async throws -> String {
        let client = try ChildProcess(
            executable: "/usr/bin/env", arguments: [SDKCompatibilityTests.python, folder + "/mcp_client_check.py"],
            environment: [
                "GATEWAY_URL": gateway.baseURL, "GATEWAY_KEY": key, "MCP_CHECK": check, "MCP_PATH": path, "PYTHONUNBUFFERED": "1",
                "PYTHONDONTWRITEBYTECODE": "1", "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
            ])
        let status = try await client.waitForExit(timeout: .seconds(90))
        #expect(status == 0, "mcp_client_check.py \(check) failed:\n\(client.output)")
        return client.output
    }
}
