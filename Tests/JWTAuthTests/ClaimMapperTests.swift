import GatewayCore
import HTTPTypes
import Testing

@testable import JWTAuth

/// Claims to identities, as LiteLLM's `litellm_jwtauth` settings map them.
struct ClaimMapperTests {
    static func settings(_ object: [String: JSON]) throws -> JWTAuthSettings {
        var object = object
        object["issuer"] = "https://idp.example.com"
        return try JWTAuthSettings(object, environment: [:])
    }

    @Test
    func nestedPathsForUserTeamOrgAndEndUser() throws {
        let mapper = ClaimMapper(
            settings: try Self.settings([
                "user_id_jwt_field": "ext.ids.user", "user_email_jwt_field": "email", "team_id_jwt_field": "ext.team",
                "team_ids_jwt_field": "https://example.com/groups", "org_id_jwt_field": "org", "end_user_id_jwt_field": "customer",
            ]))
        let claims: JSON = [
            "sub": "s-1", "email": "a@example.com", "ext": ["ids": ["user": "u-1"], "team": "t-main"],
            "https://example.com/groups": ["t-2", "t-main", "t-3"], "org": "o-1", "customer": 42,
        ]
        let identity = try mapper.identity(from: claims)
        #expect(identity.subject == "jwt:s-1")
        #expect(identity.userID == "u-1")
        #expect(identity.userEmail == "a@example.com")
        #expect(identity.teamIDs == ["t-main", "t-2", "t-3"], "the single team first, then the list, each once")
        #expect(identity.organizationID == "o-1")
        #expect(identity.endUserID == "42", "a numeric id is written out")
        #expect(identity.role == nil)
        #expect(identity.allowedRoutes == ["openai_routes", "info_routes"])
    }

    @Test
    func adminScopeFromScopeOrScp() throws {
        let mapper = ClaimMapper(settings: try Self.settings(["team_id_jwt_field": "team"]))
        let spaced = try mapper.identity(from: ["sub": "a", "scope": "openid litellm_proxy_admin"])
        #expect(spaced.role == .admin && spaced.allowedRoutes.isEmpty, "an admin needs no team and may call every route")
        #expect(try mapper.identity(from: ["sub": "a", "scp": ["litellm_proxy_admin"]]).role == .admin)
        #expect(throws: GatewayError.self) { try mapper.identity(from: ["sub": "a", "scope": "openid litellm_proxy_admin_not"]) }
        let custom = ClaimMapper(settings: try Self.settings(["admin_jwt_scope": "gateway.admin"]))
        #expect(try custom.identity(from: ["sub": "a", "scope": "gateway.admin"]).role == .admin)
        #expect(try custom.identity(from: ["sub": "a", "scope": "litellm_proxy_admin"]).role == nil)
    }

    @Test
    func rolesAllowedAndMapped() throws {
        let mapper = ClaimMapper(
            settings: try Self.settings([
                "user_roles_jwt_field": "resource_access.tollgate.roles", "user_allowed_roles": ["llm-user", "llm-admin"],
                "jwt_litellm_role_map": [
                    ["jwt_role": "llm-admin", "litellm_role": "proxy_admin"], ["jwt_role": "llm-viewer", "litellm_role": "proxy_admin_viewer"],
                ],
            ]))
        func roles(_ list: [JSON]) -> JSON { ["sub": "x", "resource_access": ["tollgate": ["roles": .array(list)]]] }
        #expect(try mapper.identity(from: roles(["llm-user"])).role == nil, "allowed, no mapping: the users table decides")
        #expect(try mapper.identity(from: roles(["llm-user", "llm-admin"])).role == .admin)
        #expect(performing: { try mapper.identity(from: roles(["other"])) }, throws: { ($0 as? GatewayError)?.code == "jwt_role_not_allowed" })
        #expect(performing: { try mapper.identity(from: ["sub": "x"]) }, throws: { ($0 as? GatewayError)?.code == "jwt_missing_claim" })
    }

    @Test
    func missingConfiguredClaimsAndDefaultTeam() throws {
        let strict = ClaimMapper(settings: try Self.settings(["user_id_jwt_field": "uid", "team_id_jwt_field": "team"]))
        #expect(
            performing: { try strict.identity(from: ["sub": "x", "team": "t"]) },
            throws: { error in
                let error = error as? GatewayError
                return error?.code == "jwt_missing_claim" && error?.message.contains("uid") == true && error?.status.code == 401
            })
        #expect(
            performing: { try strict.identity(from: ["sub": "x", "uid": "u"]) }, throws: { ($0 as? GatewayError)?.message.contains("team") == true })
        let defaulted = ClaimMapper(settings: try Self.settings(["team_id_jwt_field": "team", "team_id_default": "everyone"]))
        #expect(try defaulted.identity(from: ["sub": "x"]).teamIDs == ["everyone"])
        #expect(try defaulted.identity(from: ["sub": "x", "team": "mine"]).teamIDs == ["mine"])
        let teamless = ClaimMapper(settings: try Self.settings(["user_id_jwt_field": "sub"]))
        #expect(try teamless.identity(from: ["sub": "x"]).allowedRoutes.isEmpty, "team_allowed_routes holds team tokens only")
    }

    @Test
    func emailDomain() throws {
        let mapper = ClaimMapper(settings: try Self.settings(["user_email_jwt_field": "email", "user_allowed_email_domain": "example.com"]))
        #expect(try mapper.identity(from: ["sub": "x", "email": "A@Example.com"]).userEmail == "A@Example.com")
        #expect(
            performing: { try mapper.identity(from: ["sub": "x", "email": "a@example.com.evil.io"]) },
            throws: {
                ($0 as? GatewayError)?.code == "jwt_email_domain_not_allowed"
            })
    }
}
