import Foundation
import GatewayTesting
import Testing

/// Single sign-on to the admin UI through the loopback OpenID Connect provider, in headless Chromium
/// (`Tests/ui/sso_check.py`): the provider's login page, the authorization code with PKCE, and the UI with the role
/// the token's claims map to. `TOLLGATE_SKIP_SDK=1` skips it with the other Python suites.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOLLGATE_SKIP_SDK"] != "1", "TOLLGATE_SKIP_SDK=1"))
struct AdminUISSOTests {
    @Test func signInThroughTheIdPLandsWithTheMappedRole() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
        else {
            Issue.record("Chromium is missing: run scripts/apt-deps --tests (it installs chromium and chromium-driver).")
            return
        }
        guard try await PythonSDKScript.canImport("selenium, cryptography") else { return }
        try await OIDCProvider.withRunning { idp in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let plugins = """
                {"plugins": [{"name": "sqlite-store", "config": {"path": "\(directory.path)/tollgate.db"}}, {"name": "jwt-auth"},
                 {"name": "master-key-auth"}, {"name": "virtual-keys"}, {"name": "model-management"}, {"name": "budgets"},
                 {"name": "spend-log"}, {"name": "admin-ui"}]}
                """
            let general = """
                  enable_jwt_auth: true
                  litellm_jwtauth:
                    issuer: \(idp.issuer)
                    audience: tollgate
                    user_id_jwt_field: sub
                    user_email_jwt_field: email
                    user_id_upsert: true
                    user_roles_jwt_field: roles
                    jwt_litellm_role_map: [{jwt_role: llm-admin, litellm_role: proxy_admin}]
                """
            try await TestUpstream.withRunning { upstream, _ in
                try await TestGateway.withRunning(
                    config: GatewayFixture.config(upstream: upstream, generalSettings: general), plugins: plugins,
                    environment: [
                        "GENERIC_CLIENT_ID": "tollgate", "GENERIC_CLIENT_SECRET": "tollgate-secret",
                        "TOLLGATE_ENCRYPTION_KEY": String(repeating: "k", count: 32),
                    ]
                ) { gateway in
                    // Followed by the HTTP client: the gateway sends it on to the IdP's own login page.
                    let start = try await gateway.get("/ui/sso/login")
                    #expect(start.status == 200 && start.body.contains("Mock IdP sign-in"), "\(start.status) \(start.body.prefix(300))")
                    try await PythonSDKScript.run("../ui/sso_check.py", gateway: gateway, key: "", environment: ["IDP_URL": idp.issuer])
                }
            }
        }
    }
}
