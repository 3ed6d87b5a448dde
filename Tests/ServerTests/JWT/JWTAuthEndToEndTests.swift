import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// JWT auth against a real OIDC provider on loopback: tokens from its token endpoint for an admin, a team member
/// and an outsider, with virtual keys and the master key still working beside them, on both stores.
@Suite(.serialized)
struct JWTAuthEndToEndTests {
    static let teamSettings = """
            user_id_jwt_field: sub
            user_email_jwt_field: email
            user_id_upsert: true
            team_ids_jwt_field: groups
        """

    @Test(arguments: KeyBackend.available)
    func adminTeamMemberAndOutsider(_ backend: KeyBackend) async throws {
        guard try await PythonSDKScript.canImport("cryptography") else { return }
        try await OIDCProvider.withRunning { idp in
            try await JWTGateway.run(backend, provider: idp, settings: Self.teamSettings) { gateway in
                try await gateway.create("/team/new", ["team_id": "eng", "models": ["gpt-test"]])
                try await idp.addUser("alice", claims: ["sub": "alice", "email": "alice@example.com"])
                try await idp.addUser("bob", claims: ["sub": "bob", "email": "bob@example.com", "groups": ["eng"]])
                try await idp.addUser("eve", claims: ["sub": "eve", "email": "eve@example.com", "groups": ["strangers"]])
                let admin = try await idp.passwordToken("alice", scope: "openid litellm_proxy_admin")
                let member = try await idp.passwordToken("bob", scope: "openid")
                let outsider = try await idp.passwordToken("eve", scope: "openid")

                // The admin scope makes a proxy admin: any model, management routes.
                #expect(try await gateway.chat(admin, model: "claude-test").status == 200)
                let keyReply = try await gateway.endpoint.post("/key/generate", json: ["models": ["gpt-test"]], key: admin)
                #expect(keyReply.status == 200, "\(keyReply.body)")

                // The team member: its team's models only, LLM and info routes only.
                let allowed = try await gateway.chat(member)
                #expect(allowed.status == 200, "\(allowed.body)")
                let denied = try await gateway.chat(member, model: "claude-test")
                #expect(denied.status == 403, "\(denied.body)")
                #expect(denied.json?["error"]?["type"]?.stringValue == "team_model_access_denied", "\(denied.body)")
                let management = try await gateway.endpoint.post("/key/generate", json: [:], key: member)
                #expect(management.status == 403 && management.json?["error"]?["code"] == "route_not_allowed", "\(management.body)")
                let models = try await gateway.endpoint.get("/v1/models", key: member)
                #expect(models.json?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["gpt-test"], "\(models.body)")

                // The outsider names a team the gateway does not have: 401 naming it.
                let refused = try await gateway.chat(outsider)
                #expect(refused.status == 401, "\(refused.body)")
                #expect(gateway.errorCode(refused, token: outsider) == "team_not_found")
                #expect(refused.body.contains("strangers"))

                // The member's user was created (user_id_upsert) with the token's email.
                let info = try await gateway.endpoint.get("/user/info?user_id=bob", key: Self.master)
                #expect(info.json?["user_info"]?["user_email"] == "bob@example.com", "\(info.body)")

                // Keys keep working beside JWTs.
                let key = try await gateway.generateKey(["models": ["gpt-test"]])
                #expect(try await gateway.chat(key.secret).status == 200)
                #expect(try await gateway.chat(Self.master, model: "claude-test").status == 200)
                #expect(try await gateway.chat("sk-not-a-key").status == 401)
            }
        }
    }

    static let master = GatewayFixture.masterKey
}
