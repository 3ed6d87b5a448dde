import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// Each `litellm_jwtauth` claim mapping over real HTTP, with tokens the loopback IdP signs: nested user id, email
/// upsert, team list (the first team that may use the model), default team, organization, end user, roles
/// (allowed, mapped, and the users table's).
@Suite(.serialized)
struct JWTClaimMappingTests {
    static let settings = """
            user_id_jwt_field: ext.uid
            user_email_jwt_field: email
            user_id_upsert: true
            team_ids_jwt_field: groups
            team_id_default: everyone
            org_id_jwt_field: org
            end_user_id_jwt_field: customer
            user_roles_jwt_field: realm_access.roles
            user_allowed_roles: [llm-user, llm-admin]
            jwt_litellm_role_map: [{jwt_role: llm-admin, litellm_role: proxy_admin}]
        """

    static func claims(_ uid: String, roles: [JSON] = ["llm-user"], extra: [String: JSON] = [:]) -> JSON {
        var claims: [String: JSON] = [
            "sub": .string("sub-" + uid), "ext": ["uid": .string(uid)], "email": .string(uid + "@example.com"),
            "realm_access": ["roles": .array(roles)],
        ]
        claims.merge(extra) { $1 }
        return .object(claims)
    }

    @Test(arguments: KeyBackend.available)
    func eachMappingOverHTTP(_ backend: KeyBackend) async throws {
        guard try await PythonSDKScript.canImport("cryptography") else { return }
        try await OIDCProvider.withRunning { idp in
            try await JWTGateway.run(backend, provider: idp, settings: Self.settings) { gateway in
                try await gateway.create("/organization/new", ["organization_id": "acme", "organization_alias": "Acme"])
                try await gateway.create("/team/new", ["team_id": "claude-only", "models": ["claude-test"]])
                try await gateway.create("/team/new", ["team_id": "eng", "models": ["gpt-test", .string(BudgetGateway.pricedModel)]])
                try await gateway.create("/team/new", ["team_id": "everyone", "models": ["gpt-test"]])

                // Nested user id and email: the user is created with both; the team list picks the team that may use
                // the model; spend is logged under that user and team.
                let member = try await idp.mint(Self.claims("u-1", extra: ["groups": ["claude-only", "eng"]]))
                let reply = try await gateway.chat(member, model: BudgetGateway.pricedModel)
                #expect(reply.status == 200, "\(reply.body)")
                let info = try await gateway.endpoint.get("/user/info?user_id=u-1", key: JWTGateway.master)
                #expect(info.json?["user_info"]?["user_email"] == "u-1@example.com", "\(info.body)")
                let rows = try await Self.spendRows(gateway, query: "user_id=u-1")
                #expect(rows.count == 1 && rows.first?["team_id"] == "eng", "\(rows)")
                #expect((rows.first?["spend"]?.doubleValue ?? 0) > 0)
                #expect(try await gateway.chat(member, model: "claude-test").status == 200, "claude-only serves this one")
                // A team's token is held to team_allowed_routes (LLM and info routes by default).
                let spendLogs = try await gateway.endpoint.get("/spend/logs", key: member)
                #expect(spendLogs.status == 403 && spendLogs.json?["error"]?["code"] == "route_not_allowed", "\(spendLogs.body)")

                // No team claim: team_id_default.
                let loner = try await idp.mint(Self.claims("u-2"))
                #expect(try await gateway.chat(loner).status == 200)
                let lonerDenied = try await gateway.chat(loner, model: "claude-test")
                #expect(lonerDenied.status == 403 && lonerDenied.body.contains("everyone"), "\(lonerDenied.body)")

                // Organization: must exist.
                #expect(try await gateway.chat(try await idp.mint(Self.claims("u-3", extra: ["org": "acme"]))).status == 200)
                let ghostOrg = try await idp.mint(Self.claims("u-3", extra: ["org": "ghost"]))
                let noOrg = try await gateway.chat(ghostOrg)
                #expect(noOrg.status == 401 && gateway.errorCode(noOrg, token: ghostOrg) == "organization_not_found")

                // End user from the token: held to /customer/block like the request's `user`.
                let shopper = try await idp.mint(Self.claims("u-4", extra: ["customer": "shop-9"]))
                #expect(try await gateway.chat(shopper).status == 200)
                try await gateway.create("/customer/block", ["user_ids": ["shop-9"]])
                let blocked = try await gateway.chat(shopper)
                #expect(blocked.status == 403 && gateway.errorCode(blocked, token: shopper) == "end_user_blocked", "\(blocked.body)")

                // Roles: a role outside user_allowed_roles is refused; a mapped role makes a proxy admin.
                let stranger = try await idp.mint(Self.claims("u-5", roles: ["guest"]))
                let refused = try await gateway.chat(stranger)
                #expect(refused.status == 403 && gateway.errorCode(refused, token: stranger) == "jwt_role_not_allowed")
                let mappedAdmin = try await idp.mint(Self.claims("u-6", roles: ["llm-admin"]))
                #expect(try await gateway.endpoint.post("/team/new", json: ["team_id": "made-by-jwt"], key: mappedAdmin).status == 200)
                #expect(try await gateway.chat(mappedAdmin, model: "claude-test").status == 200)

                // The users table's role applies when the claims grant none.
                try await gateway.create("/user/new", ["user_id": "boss", "user_role": "proxy_admin"])
                let boss = try await idp.mint(Self.claims("boss"))
                #expect(try await gateway.endpoint.post("/team/new", json: ["team_id": "made-by-boss"], key: boss).status == 200)
                let plain = try await idp.mint(Self.claims("u-7"))
                #expect(try await gateway.endpoint.post("/team/new", json: ["team_id": "nope"], key: plain).status == 403)
            }
        }
    }

    /// The spend-log rows for `query`, once the write-behind flush has stored them (up to 5 s).
    static func spendRows(_ gateway: JWTGateway, query: String) async throws -> [JSON] {
        for _ in 0..<50 {
            let rows = try await gateway.endpoint.get("/spend/logs?\(query)", key: JWTGateway.master).json?.arrayValue ?? []
            if !rows.isEmpty { return rows }
            try await Task.sleep(for: .milliseconds(100))
        }
        return []
    }
}
