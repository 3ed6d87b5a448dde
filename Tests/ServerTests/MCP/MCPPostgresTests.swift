import Foundation
import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// The MCP gateway on Postgres: the Python-client checks with the spend log in Postgres, and two instances on one
/// database, where a server added through the API of one is served at once by the other (its change notification,
/// not the 600 s refresh, explains it) and a deletion likewise.
@Suite(
    .enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_POSTGRES"] != "1", "TOLLGATE_SKIP_POSTGRES=1"),
    .enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct MCPPostgresTests {
    static let store = #"{"name": "postgres-store", "config": {"url": "os.environ/TEST_DATABASE_URL", "max_connections": 2}}"#

    static func plugins() -> String {
        MCPGatewayEndToEndTests.plugins(store: store).replacingOccurrences(
            of: #"{"name": "mcp-gateway"}"#, with: #"{"name": "mcp-gateway", "config": {"refresh_seconds": 600}}"#)
    }

    @Test(.timeLimit(.minutes(4)))
    func pythonClientThroughTheGatewayOnPostgres() async throws {
        guard try await PythonSDKScript.canImport("mcp, httpx2") else { return }
        try await Psql.withScratchDatabase(prefix: "tollgate_mcp") { url in
            try await MCPUpstreamServers.withRunning { servers in
                try await TestGateway.withRunning(
                    config: MCPGatewayEndToEndTests.config(servers), plugins: Self.plugins(),
                    environment: ["TEST_DATABASE_URL": url, "TOLLGATE_ENCRYPTION_KEY": MCPGatewayEndToEndTests.encryptionKey]
                ) { gateway in
                    try await MCPGatewayEndToEndTests.checkEverything(gateway)
                }
            }
        }
    }

    @Test(.timeLimit(.minutes(4)))
    func aServerAddedOnOneInstanceIsServedByTheOther() async throws {
        guard try await PythonSDKScript.canImport("mcp, httpx2") else { return }
        try await Psql.withScratchDatabase(prefix: "tollgate_mcp2") { url in
            try await MCPUpstreamServers.withRunning { servers in
                let config = "general_settings:\n  master_key: \(GatewayFixture.masterKey)\n"
                let environment = ["TEST_DATABASE_URL": url, "TOLLGATE_ENCRYPTION_KEY": MCPGatewayEndToEndTests.encryptionKey]
                try await TestGateway.withRunning(config: config, plugins: Self.plugins(), environment: environment, instanceID: "mcp-a") { a in
                    try await TestGateway.withRunning(config: config, plugins: Self.plugins(), environment: environment, instanceID: "mcp-b") { b in
                        #expect(try await tools(b).isEmpty)
                        let added = try await a.post(
                            "/v1/mcp/server",
                            json: [
                                "server_name": "weather", "url": .string(servers.weatherURL), "transport": "http",
                                "static_headers": ["x-upstream-secret": "s3cret-value"],
                            ], key: GatewayFixture.masterKey)
                        #expect(added.status == 200, "\(added.body)")
                        #expect(added.json?["static_headers"]?["x-upstream-secret"] == "****")
                        let id = try #require(added.json?["server_id"]?.stringValue)
                        // B serves it within the bound, through the notification.
                        let seen = try await poll(seconds: 3) { try await tools(b).contains("weather-forecast") }
                        #expect(seen, "instance B did not serve the server added on A")
                        try await MCPUpstreamServers.runClient("aggregate-weather", gateway: b, key: GatewayFixture.masterKey)
                        // The upstream got the static header, decrypted; the database holds it encrypted only.
                        let headers = try await b.post(
                            "/mcp", json: ["jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": ["name": "weather-headers"]],
                            key: GatewayFixture.masterKey)
                        #expect(headers.json?["result"]?["content"]?[0]?["text"]?.stringValue?.contains("x-upstream-secret=s3cret-value") == true)
                        let stored = try await Psql.run("SELECT document FROM tollgate_entities WHERE kind = 'mcp_server'", url: url)
                        #expect(!stored.contains("s3cret-value") && stored.contains("tollgate:aesgcm:v1:"))

                        let deleted = try await a.request(
                            .DELETE, "/v1/mcp/server/\(id)", headers: ["authorization": "Bearer \(GatewayFixture.masterKey)"])
                        #expect(deleted.status == 200)
                        let gone = try await poll(seconds: 3) { try await tools(b).isEmpty }
                        #expect(gone, "instance B still served the server deleted on A")
                    }
                }
            }
        }
    }

    func tools(_ gateway: TestEndpoint) async throws -> [String] {
        let reply = try await gateway.post("/mcp", json: ["jsonrpc": "2.0", "id": 1, "method": "tools/list"], key: GatewayFixture.masterKey)
        return reply.json?["result"]?["tools"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }

    func poll(seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }
}
