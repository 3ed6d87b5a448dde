import Foundation
import GatewayCore

/// config.yaml's `general_settings.litellm_jwtauth`, with LiteLLM's field names, plus the key source from the
/// environment.
///
/// | key | type | default |
/// | --- | --- | --- |
/// | `user_id_jwt_field` | claim path (`sub`, `a.b.c`) | none: no user |
/// | `user_email_jwt_field` | claim path | none |
/// | `user_id_upsert` | bool: create an unknown user | false |
/// | `user_allowed_email_domain` | domain the email must end with | none |
/// | `team_id_jwt_field` | claim path (one team) | none |
/// | `team_ids_jwt_field` | claim path (a list; the first team that may use the model) | none |
/// | `team_id_default` | team for a token that names none | none |
/// | `team_id_upsert` | bool: create an unknown team | false |
/// | `team_allowed_routes` | route names and groups a non-admin token with a team may call | `[openai_routes, info_routes]` |
/// | `org_id_jwt_field` | claim path | none |
/// | `end_user_id_jwt_field` | claim path | none |
/// | `admin_jwt_scope` | scope (in `scope`/`scp`) that makes a proxy admin | `litellm_proxy_admin` |
/// | `user_roles_jwt_field` | claim path to the token's roles | none |
/// | `user_allowed_roles` | roles one of which the token must hold (with `user_roles_jwt_field`) | any |
/// | `jwt_litellm_role_map` | `[{jwt_role, litellm_role}]`: a token role to `proxy_admin`, `proxy_admin_viewer`, `internal_user`, `internal_user_viewer` | none |
/// | `public_key_ttl` | seconds the JWKS is cached | 600 |
/// | `public_key_url` | JWKS URL(s), comma-separated (env `JWT_PUBLIC_KEY_URL` wins) | discovery from `issuer` |
/// | `issuer` | expected `iss`, and the OIDC discovery base (env `JWT_ISSUER`) | not checked |
/// | `audience` | expected `aud`, a string or list (env `JWT_AUDIENCE`) | not checked |
/// | `leeway_seconds` | clock skew allowed on `exp`/`nbf` | 30 |
/// | `jwks_refresh_interval_seconds` | least time between two JWKS fetches for an unknown `kid` | 30 |
struct JWTAuthSettings: Sendable, Hashable {
    var userIDField: ClaimPath?
    var userEmailField: ClaimPath?
    var userIDUpsert = false
    var userAllowedEmailDomain: String?
    var teamIDField: ClaimPath?
    var teamIDsField: ClaimPath?
    var teamIDDefault: String?
    var teamIDUpsert = false
    var teamAllowedRoutes = ["openai_routes", "info_routes"]
    var orgIDField: ClaimPath?
    var endUserIDField: ClaimPath?
    var adminScope = "litellm_proxy_admin"
    var userRolesField: ClaimPath?
    var userAllowedRoles: [String] = []
    var roleMap: [String: Principal.Role] = [:]
    var publicKeyTTL = 600.0
    var publicKeyURLs: [String] = []
    var issuer: String?
    var audiences: [String] = []
    var leeway = 30.0
    var refreshInterval = 30.0

    static let keys: Set<String> = [
        "user_id_jwt_field", "user_email_jwt_field", "user_id_upsert", "user_allowed_email_domain", "team_id_jwt_field", "team_ids_jwt_field",
        "team_id_default", "team_id_upsert", "team_allowed_routes", "org_id_jwt_field", "end_user_id_jwt_field", "admin_jwt_scope",
        "user_roles_jwt_field", "user_allowed_roles", "jwt_litellm_role_map", "public_key_ttl", "public_key_url", "issuer", "audience",
        "leeway_seconds", "jwks_refresh_interval_seconds",
    ]

    /// Reads the settings.
    /// - Throws: ``ConfigError`` naming the key for an unknown key (a typo must not switch a check off) or a bad value.
    init(_ object: [String: JSON], environment: [String: String]) throws {
        if let unknown = object.keys.sorted().first(where: { !Self.keys.contains($0) }) {
            throw ConfigError(
                "config.yaml: general_settings.litellm_jwtauth.\(unknown) is not a setting Tollgate reads (known: \(Self.keys.sorted().joined(separator: ", ")))"
            )
        }
        let reader = Reader(object: object)
        userIDField = try reader.path("user_id_jwt_field")
        userEmailField = try reader.path("user_email_jwt_field")
        userIDUpsert = try reader.bool("user_id_upsert") ?? false
        userAllowedEmailDomain = try reader.string("user_allowed_email_domain")
        teamIDField = try reader.path("team_id_jwt_field")
        teamIDsField = try reader.path("team_ids_jwt_field")
        teamIDDefault = try reader.string("team_id_default")
        teamIDUpsert = try reader.bool("team_id_upsert") ?? false
        teamAllowedRoutes = try reader.strings("team_allowed_routes") ?? teamAllowedRoutes
        orgIDField = try reader.path("org_id_jwt_field")
        endUserIDField = try reader.path("end_user_id_jwt_field")
        adminScope = try reader.string("admin_jwt_scope") ?? adminScope
        userRolesField = try reader.path("user_roles_jwt_field")
        userAllowedRoles = try reader.strings("user_allowed_roles") ?? []
        roleMap = try reader.roleMap("jwt_litellm_role_map")
        publicKeyTTL = try reader.seconds("public_key_ttl") ?? publicKeyTTL
        leeway = try reader.seconds("leeway_seconds", allowZero: true) ?? leeway
        refreshInterval = try reader.seconds("jwks_refresh_interval_seconds", allowZero: true) ?? refreshInterval
        let urls = try environment["JWT_PUBLIC_KEY_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? reader.string("public_key_url")
        publicKeyURLs = (urls ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        issuer = try environment["JWT_ISSUER"].flatMap { $0.isEmpty ? nil : $0 } ?? reader.string("issuer")
        if let audience = environment["JWT_AUDIENCE"], !audience.isEmpty {
            audiences = audience.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        } else {
            audiences =
                try reader.value("audience")?.arrayValue != nil ? reader.strings("audience") ?? [] : reader.string("audience").map { [$0] } ?? []
        }
        for url in publicKeyURLs + [issuer].compactMap(\.self) where !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            throw ConfigError("config.yaml: litellm_jwtauth: '\(url)' is not an http(s) URL")
        }
        if publicKeyURLs.isEmpty, issuer == nil {
            throw ConfigError(
                "jwt-auth needs the identity provider's keys: set JWT_PUBLIC_KEY_URL (its JWKS) or general_settings.litellm_jwtauth.issuer "
                    + "(its OIDC discovery document is read)")
        }
    }

    /// Typed reads of one settings object, each error naming the key.
    private struct Reader {
        let object: [String: JSON]

        func value(_ key: String) -> JSON? {
            guard let value = object[key], value != .null else { return nil }
            return value
        }

        func fail(_ key: String, _ expected: String) -> ConfigError {
            ConfigError("config.yaml: general_settings.litellm_jwtauth.\(key) must be \(expected)")
        }

        func string(_ key: String) throws -> String? {
            guard let value = value(key) else { return nil }
            guard let string = value.stringValue, !string.isEmpty else { throw fail(key, "a non-empty string") }
            return string
        }

        func path(_ key: String) throws -> ClaimPath? {
            try string(key).map { ClaimPath($0) }
        }

        func bool(_ key: String) throws -> Bool? {
            guard let value = value(key) else { return nil }
            guard let bool = value.boolValue else { throw fail(key, "true or false") }
            return bool
        }

        func strings(_ key: String) throws -> [String]? {
            guard let value = value(key) else { return nil }
            guard let array = value.arrayValue else {
                if value.stringValue != nil { return nil }
                throw fail(key, "a list of strings")
            }
            return try array.map {
                guard let string = $0.stringValue else { throw fail(key, "a list of strings") }
                return string
            }
        }

        func seconds(_ key: String, allowZero: Bool = false) throws -> Double? {
            guard let value = value(key) else { return nil }
            guard let seconds = value.doubleValue, seconds.isFinite, allowZero ? seconds >= 0 : seconds > 0, seconds <= 86_400 else {
                throw fail(key, "a number of seconds \(allowZero ? "from 0" : "above 0") up to 86400")
            }
            return seconds
        }

        func roleMap(_ key: String) throws -> [String: Principal.Role] {
            guard let value = value(key) else { return [:] }
            guard let entries = value.arrayValue else { throw fail(key, "a list of {jwt_role, litellm_role}") }
            var map: [String: Principal.Role] = [:]
            for entry in entries {
                guard let jwtRole = entry["jwt_role"]?.stringValue, let name = entry["litellm_role"]?.stringValue,
                    let role = Self.role(named: name)
                else {
                    throw fail(
                        key,
                        "a list of {jwt_role, litellm_role} with litellm_role one of proxy_admin, proxy_admin_viewer, internal_user, internal_user_viewer"
                    )
                }
                map[jwtRole] = role
            }
            return map
        }

        static func role(named name: String) -> Principal.Role? {
            switch name {
            case "proxy_admin": .admin
            case "proxy_admin_viewer": .adminViewer
            case "internal_user": .user
            case "internal_user_viewer": .userViewer
            default: nil
            }
        }
    }
}
