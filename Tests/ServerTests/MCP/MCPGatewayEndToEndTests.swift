import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// The MCP gateway with the official MCP Python SDK on both sides: two real upstream servers (Streamable HTTP and
/// stdio) behind the gateway's `/mcp`, the Python client in front, keys and guardrails from the LLM path, and the
/// spend log and metrics afterwards; on a real SQLite file.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct MCPGatewayEndToEndTests {
    static let encryptionKey = "mcp-test-encryption-key-0123456789abcdef"

    static func plugins(store: String) -> String {
        """
        {"plugins": [
          \(store),
          {"name": "master-key-auth"},
          {"name": "virtual-keys"},
          {"name": "spend-log", "config": {"flush_interval_seconds": 0.05}},
          {"name": "guardrails", "config": {"guardrails": [
            {"name": "mask-email", "kind": "pii", "entities": ["email"], "action": "mask"}]}},
          {"name": "prometheus"},
          {"name": "mcp-gateway"}
        ]}
        """
    }

    static func config(_ servers: MCPUpstreamServers) -> String {
        "general_settings:\n  master_key: \(GatewayFixture.masterKey)\n" + servers.configSection
    }

    /// Keys for the checks: one limited to weather's forecast, one under the email-masking guardrail.
    static func keys(_ gateway: TestEndpoint) async throws -> (limited: String, masked: String) {
        let limited = try await gateway.post(
            "/key/generate",
            json: [
                "key_alias": "forecast-only",
                "metadata": ["object_permission": ["mcp_servers": ["weather"], "mcp_tool_permissions": ["weather": ["forecast"]]]],
            ], key: GatewayFixture.masterKey)
        let masked = try await gateway.post("/key/generate", json: ["guardrails": ["mask-email"]], key: GatewayFixture.masterKey)
        return (try #require(limited.json?["key"]?.stringValue), try #require(masked.json?["key"]?.stringValue))
    }

    @Test(.timeLimit(.minutes(4)))
    func pythonClientThroughTheGatewayOnSQLite() async throws {
        guard try await PythonSDKScript.canImport("mcp, httpx2") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.path + "/mcp.db"
        try await MCPUpstreamServers.withRunning { servers in
            try await TestGateway.withRunning(
                config: Self.config(servers), plugins: Self.plugins(store: #"{"name": "sqlite-store", "config": {"path": "\#(database)"}}"#),
                environment: ["TOLLGATE_ENCRYPTION_KEY": Self.encryptionKey]
            ) { gateway in
                try await Self.checkEverything(gateway)
            }
        }
    }

    /// The Done-when list: both servers' tools listed and called, a refused tool, masked arguments, then the spend-log
    /// rows of kind `mcp` and the metrics.
    static func checkEverything(_ gateway: TestEndpoint) async throws {
        // A mistyped permission is refused when it is written, not read later as "no restriction".
        let mistyped = try await gateway.post(
            "/key/generate", json: ["metadata": ["object_permission": ["mcp_servers": "weather"]]], key: GatewayFixture.masterKey)
        #expect(mistyped.status == 400)
        #expect(mistyped.json?["error"]?["param"] == "metadata.object_permission.mcp_servers")
        let keys = try await Self.keys(gateway)
        try await MCPUpstreamServers.runClient("aggregate", gateway: gateway, key: GatewayFixture.masterKey)
        try await MCPUpstreamServers.runClient("sse", gateway: gateway, key: GatewayFixture.masterKey)
        let refused = try await MCPUpstreamServers.runClient("refused", gateway: gateway, key: keys.limited)
        #expect(refused.contains("object_permission.mcp_servers"))
        let masked = try await MCPUpstreamServers.runClient("masked", gateway: gateway, key: keys.masked)
        #expect(masked.contains("echoed: received: mail [EMAIL] today"), "\(masked)")

        // aggregate and sse: forecast, read_note each; refused: forecast, read_note (refused); masked: echo.
        let rows = try await mcpRows(gateway, atLeast: 7)
        let byTool = Dictionary(grouping: rows) { $0["metadata"]?["mcp_tool"]?.stringValue ?? "" }
        #expect(byTool["forecast"]?.contains { $0["status"] == "success" && $0["model"] == "weather-forecast" } == true)
        // The server's per-query costs: 0.02 for forecast, 0.01 for its other tools, nothing for a refused call.
        #expect(byTool["forecast"]?.allSatisfy { $0["spend"]?.doubleValue == 0.02 } == true)
        #expect(byTool["echo"]?.first?["spend"]?.doubleValue == 0.01)
        #expect(byTool["read_note"]?.contains { $0["status"] == "success" && $0["metadata"]?["mcp_server"] == "notes" } == true)
        let refusal = try #require(byTool["read_note"]?.first { $0["status"] == "failure" })
        #expect(refusal["metadata"]?["mcp_outcome"] == "refused")
        #expect(refusal["spend"]?.doubleValue == 0)
        #expect(refusal["api_key"]?.stringValue?.isEmpty == false)
        #expect(byTool["echo"]?.first?["metadata"]?["mcp_outcome"] == "success")
        #expect(byTool["echo"]?.first?["metadata"]?["mcp_duration_ms"]?.doubleValue != nil)
        // No row holds the address the guardrail masked, nor a key.
        let logged = JSON.array(rows).serializedString()
        #expect(!logged.contains("jane.doe@example.com") && !logged.contains(keys.limited) && !logged.contains(keys.masked))

        let scrape = try await gateway.get("/metrics")
        #expect(scrape.body.contains(#"tollgate_mcp_tool_calls_total{"#))
        let lines = scrape.body.split(separator: "\n").filter { $0.hasPrefix("tollgate_mcp_tool_calls_total{") }
        #expect(lines.contains { $0.contains(#"server="weather""#) && $0.contains(#"tool="forecast""#) && $0.contains(#"outcome="success""#) })
        #expect(lines.contains { $0.contains(#"server="notes""#) && $0.contains(#"outcome="refused""#) })
        #expect(scrape.body.contains("tollgate_mcp_tool_call_duration_seconds"))
    }

    /// The spend log's `mcp` rows through `/spend/logs`, once at least `count` are written (the log is written behind
    /// the calls).
    static func mcpRows(_ gateway: TestEndpoint, atLeast count: Int) async throws -> [JSON] {
        var rows: [JSON] = []
        for _ in 0..<100 {
            let reply = try await gateway.get("/spend/logs", key: GatewayFixture.masterKey)
            rows = (reply.json?.arrayValue ?? []).filter { $0["call_type"] == "mcp" }
            if rows.count >= count { return rows }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("only \(rows.count) mcp rows in the spend log")
        return rows
    }
}
