import Foundation
import GatewayCore
import GatewayTesting
import NIOHTTP1
import Testing

/// The loopback OpenID Connect provider of `Tests/oidc/oidc_provider.py` (discovery, JWKS, authorization with
/// PKCE, token endpoint; its tokens signed with Python's `cryptography`), run as a child process for one test.
struct OIDCProvider {
    let endpoint: TestEndpoint
    let process: ChildProcess
    var issuer: String { endpoint.baseURL }

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("oidc/oidc_provider.py").path
    }

    /// Starts the provider (on `port`, 0 for any), runs `body`, then stops it.
    static func withRunning(port: Int = 0, _ body: (OIDCProvider) async throws -> Void) async throws {
        let provider = try await start(port: port)
        defer { provider.stop() }
        try await body(provider)
    }

    static func start(port: Int = 0) async throws -> OIDCProvider {
        let process = try ChildProcess(
            executable: "/usr/bin/env", arguments: [SDKCompatibilityTests.python, script, String(port)],
            environment: ["PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"])
        do {
            let output = try await process.waitForOutput(containing: "LISTENING ", timeout: .seconds(30))
            let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("LISTENING ") })
            let bound = try #require(Int(line.dropFirst("LISTENING ".count).trimmingCharacters(in: .whitespaces)))
            return OIDCProvider(endpoint: TestEndpoint(port: bound), process: process)
        } catch {
            process.kill()
            throw error
        }
    }

    /// Stops the provider (the IdP going down).
    func stop() {
        process.kill()
    }

    /// Registers a user whose tokens carry `claims`.
    func addUser(_ username: String, claims: JSON) async throws {
        let reply = try await endpoint.post("/admin/users", json: ["username": .string(username), "claims": claims])
        #expect(reply.status == 200, "\(reply.body)")
    }

    /// An access token from the token endpoint (OAuth 2.0 password grant, as LiteLLM's docs fetch one).
    func passwordToken(_ username: String, scope: String? = nil, client: String = "tollgate") async throws -> String {
        var form = "grant_type=password&client_id=\(client)&client_secret=tollgate-secret&username=\(username)"
        if let scope { form += "&scope=" + scope.replacingOccurrences(of: " ", with: "%20") }
        let reply = try await endpoint.request(.POST, "/token", body: form)
        #expect(reply.status == 200, "token endpoint: \(reply.body)")
        return try #require(reply.json?["access_token"]?.stringValue)
    }

    /// A token signed with the provider's current key of `alg`, with the given claims over `iss`, `aud`, `iat`, `exp`.
    func mint(_ claims: JSON, alg: String = "RS256", ttl: Int = 300, audience: String = "tollgate") async throws -> String {
        let reply = try await endpoint.post(
            "/admin/token", json: ["claims": claims, "alg": .string(alg), "ttl": .int(ttl), "audience": .string(audience)])
        return try #require(reply.json?["token"]?.stringValue, "\(reply.body)")
    }

    /// Adds a new signing key for `alg` (its kid new), dropping the old ones when `dropOld`.
    /// - Returns: the new key id.
    @discardableResult
    func rotate(alg: String = "RS256", dropOld: Bool) async throws -> String {
        let reply = try await endpoint.post("/admin/rotate", json: ["alg": .string(alg), "drop_old": .bool(dropOld)])
        return try #require(reply.json?["kid"]?.stringValue)
    }

    /// How many times the JWKS was fetched.
    func jwksRequests() async throws -> Int {
        try #require(try await endpoint.get("/admin/stats").json?["jwks_requests"]?.intValue)
    }
}
