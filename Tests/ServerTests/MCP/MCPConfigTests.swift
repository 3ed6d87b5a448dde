import GatewayCore
import GatewayTesting
import Testing

/// config.yaml's `mcp_servers` at startup: read by the `mcp-gateway` plugin, refused when no plugin would read it or
/// when a server is wrong, naming the server and the field.
struct MCPConfigTests {
    static let master = GatewayFixture.masterKey

    func startupError(_ servers: String, plugins: String) async -> String? {
        let config = "general_settings:\n  master_key: \(Self.master)\nmcp_servers:\n" + servers
        do {
            try await TestGateway.withRunning(config: config, plugins: plugins) { _ in }
            return nil
        } catch {
            return String(describing: error)
        }
    }

    @Test func serversNeedThePluginAndValidFields() async throws {
        let withPlugin = #"{"plugins": [{"name": "master-key-auth"}, {"name": "mcp-gateway"}]}"#
        let error = await startupError("  weather:\n    url: http://127.0.0.1:1/mcp\n", plugins: GatewayFixture.authOnly)
        #expect(error?.contains("mcp_servers needs the 'mcp-gateway' plugin") == true, "\(error ?? "started")")
        let typo = await startupError("  weather:\n    url: http://127.0.0.1:1/mcp\n    auth_typ: bearer_token\n", plugins: withPlugin)
        #expect(typo?.contains("mcp_servers.weather") == true && typo?.contains("auth_typ") == true, "\(typo ?? "started")")
        let stdio = await startupError("  notes:\n    transport: stdio\n", plugins: withPlugin)
        #expect(stdio?.contains("needs a 'command'") == true, "\(stdio ?? "started")")
        // A server that is down at startup does not stop the gateway: it is reached on first use.
        #expect(await startupError("  down:\n    url: http://127.0.0.1:1/mcp\n", plugins: withPlugin) == nil)
    }

    @Test func listsConfiguredServersWithoutAStore() async throws {
        let config = """
            general_settings:
              master_key: \(Self.master)
            mcp_servers:
              weather:
                url: http://127.0.0.1:1/mcp
                static_headers: {X-Secret: hidden-value}
            """
        let plugins = #"{"plugins": [{"name": "master-key-auth"}, {"name": "mcp-gateway"}]}"#
        try await TestGateway.withRunning(config: config, plugins: plugins) { gateway in
            let list = try await gateway.get("/v1/mcp/server", key: Self.master)
            #expect(list.status == 200)
            #expect(list.json?[0]?["server_name"] == "weather")
            #expect(list.json?[0]?["source"] == "config")
            #expect(!list.body.contains("hidden-value"))
        }
    }
}
