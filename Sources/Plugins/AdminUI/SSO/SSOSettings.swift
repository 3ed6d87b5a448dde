import GatewayCore

/// Single sign-on for the admin UI, read from the environment with LiteLLM's generic SSO names.
///
/// | variable | what | default |
/// | --- | --- | --- |
/// | `GENERIC_CLIENT_ID` | the UI's client id at the IdP; SSO is on when it is set | off |
/// | `GENERIC_CLIENT_SECRET` | its secret (a confidential client); a public client relies on PKCE alone | none |
/// | `GENERIC_AUTHORIZATION_ENDPOINT`, `GENERIC_TOKEN_ENDPOINT` | the IdP's endpoints | from the discovery document of the issuer |
/// | `GENERIC_ISSUER` | the IdP's issuer (discovery) | `general_settings.litellm_jwtauth.issuer`, `JWT_ISSUER` |
/// | `GENERIC_SCOPE` | scopes asked for | `openid email profile` |
/// | `PROXY_BASE_URL` | the gateway's public URL; the callback is `{PROXY_BASE_URL}/ui/sso/callback` | the request's `Host` (register the exact callback URL at the IdP) |
///
/// The ID token is checked by the gateway's auth hooks (the `jwt-auth` plugin: signature, `iss`, `aud`, `exp`, its
/// claims mapped to a user and role), so `litellm_jwtauth.audience` (or `JWT_AUDIENCE`) must include the client id.
struct SSOSettings: Sendable {
    var clientID: String
    var clientSecret: String?
    var authorizationEndpoint: String?
    var tokenEndpoint: String?
    var issuer: String?
    var scope: String
    /// The callback URL, when `PROXY_BASE_URL` fixes it.
    var redirectURI: String?

    /// - Returns: nil when `GENERIC_CLIENT_ID` is unset (SSO off).
    /// - Throws: ``ConfigError`` when SSO is on but the gateway's URL or the IdP cannot be found.
    init?(environment: [String: String], config: GatewayConfig) throws {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard let clientID = value("GENERIC_CLIENT_ID") else { return nil }
        self.clientID = clientID
        clientSecret = value("GENERIC_CLIENT_SECRET")
        authorizationEndpoint = value("GENERIC_AUTHORIZATION_ENDPOINT")
        tokenEndpoint = value("GENERIC_TOKEN_ENDPOINT")
        issuer = value("GENERIC_ISSUER") ?? value("JWT_ISSUER") ?? config.generalSettings["litellm_jwtauth"]?["issuer"]?.stringValue
        scope = value("GENERIC_SCOPE") ?? "openid email profile"
        if let base = value("PROXY_BASE_URL") {
            guard base.hasPrefix("http://") || base.hasPrefix("https://") else {
                throw ConfigError("admin-ui SSO: PROXY_BASE_URL must be the gateway's public http(s) URL")
            }
            redirectURI = (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/ui/sso/callback"
        }
        if (authorizationEndpoint == nil || tokenEndpoint == nil) && issuer == nil {
            throw ConfigError(
                "admin-ui SSO needs the IdP: set GENERIC_AUTHORIZATION_ENDPOINT and GENERIC_TOKEN_ENDPOINT, or GENERIC_ISSUER (its discovery document is read)"
            )
        }
        for url in [authorizationEndpoint, tokenEndpoint, issuer].compactMap(\.self) where !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            throw ConfigError("admin-ui SSO: '\(url)' is not an http(s) URL")
        }
    }
}
