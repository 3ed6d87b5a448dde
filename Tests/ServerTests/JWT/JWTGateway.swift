import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// A gateway with `jwt-auth` in front of `virtual-keys` (and the master key, budgets, the spend log and the tool
/// allowlist) on one store, trusting an ``OIDCProvider``: the issuer's discovery document names the JWKS.
struct JWTGateway: ManagementClient {
    let endpoint: TestEndpoint
    let provider: OIDCProvider
    static let master = GatewayFixture.masterKey

    /// Runs `body` against a fresh gateway and database.
    /// - Parameter settings: more `litellm_jwtauth` lines (YAML, four-space indented).
    static func run(
        _ backend: KeyBackend, provider: OIDCProvider, settings: String = "", environment: [String: String] = [:],
        _ body: (JWTGateway) async throws -> Void
    ) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let general = """
              enable_jwt_auth: true
              litellm_jwtauth:
                issuer: \(provider.issuer)
                audience: tollgate
                jwks_refresh_interval_seconds: 0.5
            \(settings)
            """
        let rest = """
            {"name": "jwt-auth"}, {"name": "master-key-auth"}, {"name": "virtual-keys"}, {"name": "budgets"},
            {"name": "tool-allowlist"}, {"name": "spend-log", "config": {"flush_interval_seconds": 0.05}}
            """
        func serve(_ plugins: String, _ environment: [String: String]) async throws {
            try await TestUpstream.withRunning { upstream, _ in
                try await TestGateway.withRunning(
                    config: GatewayFixture.config(upstream: upstream, extra: BudgetGateway.extraModels(upstream.baseURL), generalSettings: general),
                    plugins: plugins, environment: environment
                ) { gateway in try await body(JWTGateway(endpoint: gateway, provider: provider)) }
            }
        }
        switch backend {
        case .sqlite:
            let path = directory.path + "/tollgate.db"
            try await serve(#"{"plugins": [{"name": "sqlite-store", "config": {"path": "\#(path)"}}, \#(rest)]}"#, environment)
        case .postgres:
            let plugins =
                #"{"plugins": [{"name": "postgres-store", "config": {"url": "os.environ/TEST_DATABASE_URL", "max_connections": 2}}, "#
                + rest + "]}"
            try await Psql.withScratchDatabase(prefix: "tollgate_jwt") { url in
                try await serve(plugins, environment.merging(["TEST_DATABASE_URL": url]) { $1 })
            }
        }
    }

    func chat(_ token: String, model: String = "gpt-test", body: JSON? = nil) async throws -> TestEndpoint.Reply {
        try await endpoint.post("/v1/chat/completions", json: body ?? GatewayFixture.chat(model), key: token)
    }

    /// The error `code` of a reply, and checks the reply never echoes `token`.
    func errorCode(_ reply: TestEndpoint.Reply, token: String) -> String? {
        #expect(!reply.body.contains(token), "the error echoes the token")
        #expect(!reply.body.contains(token.split(separator: ".").last.map(String.init) ?? token), "the error echoes the signature")
        return reply.json?["error"]?["code"]?.stringValue
    }
}
