import Foundation
import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// What the gateway sends upstream for a server's credentials (static headers, `auth_type`, OAuth2 client credentials)
/// and for the client headers it forwards, as the real Python server received them; and the per-key call limit.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct MCPUpstreamCredentialsTests {
    static let master = GatewayFixture.masterKey

    @Test(.timeLimit(.minutes(3)))
    func credentialsAndForwardedHeadersReachTheServer() async throws {
        guard try await PythonSDKScript.canImport("mcp") else { return }
        try await MCPUpstreamServers.withRunning { servers in
            let base = String(servers.weatherURL.dropLast("/mcp".count))
            let config = """
                general_settings:
                  master_key: \(Self.master)
                mcp_servers:
                  plain:
                    url: \(servers.weatherURL)
                    auth_type: bearer_token
                    authentication_token: static-token
                    static_headers: {X-Tenant: acme}
                    extra_headers: [x-user-token]
                    key_rpm_limit: 3
                  oauth:
                    url: \(servers.weatherURL)
                    auth_type: oauth2
                    client_id: tollgate
                    client_secret: s3cret
                    token_url: \(base)/token
                    scopes: [tools.read]
                  badoauth:
                    url: \(servers.weatherURL)
                    auth_type: oauth2
                    client_id: tollgate
                    client_secret: wrong
                    token_url: \(base)/token
                """
            let plugins = #"{"plugins": [{"name": "master-key-auth"}, {"name": "mcp-gateway"}]}"#
            try await TestGateway.withRunning(config: config, plugins: plugins) { gateway in
                func headers(_ server: String, extra: [String: String] = [:]) async throws -> JSON {
                    let reply = try await gateway.request(
                        .POST, "/mcp", body: #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"\#(server)-headers"}}"#,
                        headers: extra.merging(["authorization": "Bearer \(Self.master)"]) { $1 })
                    return try #require(reply.json)
                }
                // key_rpm_limit counts calls in calendar minutes: the four calls to "plain" must fall in one.
                let intoMinute = Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 60)
                if intoMinute > 30 { try await Task.sleep(for: .seconds(60.2 - intoMinute)) }
                let plain = try await headers("plain", extra: ["x-user-token": "user-abc", "x-other": "not-forwarded"])
                let seen = plain["result"]?["content"]?[0]?["text"]?.stringValue ?? ""
                #expect(seen.contains("authorization=Bearer static-token"), "\(seen)")
                #expect(seen.contains("x-tenant=acme"))
                #expect(seen.contains("x-user-token=user-abc"))
                #expect(!seen.contains("not-forwarded"))
                // The client's own key never reaches the server.
                #expect(!seen.contains(Self.master))

                let oauth = try await headers("oauth")
                #expect(oauth["result"]?["content"]?[0]?["text"]?.stringValue?.contains("authorization=Bearer token-for-tools.read") == true)
                let refused = try await headers("badoauth")
                #expect(refused["error"]?["code"] == -32002)
                #expect(refused["error"]?["message"]?.stringValue?.contains("wrong") == false)

                // key_rpm_limit 3: the fourth call of the minute is refused (after the one above).
                _ = try await headers("plain")
                _ = try await headers("plain")
                let limited = try await headers("plain")
                #expect(limited["error"]?["code"] == -32029)
                #expect(limited["error"]?["data"]?["type"] == "rate_limit_exceeded")
            }
        }
    }
}
