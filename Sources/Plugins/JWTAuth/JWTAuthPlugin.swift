public import GatewayCore
import Logging

/// `jwt-auth`: apps present a token from the company's identity provider (Okta, Entra ID, Keycloak, Google...)
/// instead of a gateway key; its claims name the user, team, organization and role, which then get the same
/// common checks, budgets and spend attribution as a virtual key.
///
/// Read from config.yaml's `general_settings`: `enable_jwt_auth: true` and `litellm_jwtauth` (LiteLLM's field
/// names; every key is listed in ``JWTAuthSettings``), plus `JWT_PUBLIC_KEY_URL`, `JWT_ISSUER` and `JWT_AUDIENCE`
/// from the environment. Put it before `virtual-keys` in plugins.json: a token is recognised by its shape, without a
/// store read. The plugin takes no `config` of its own.
public enum JWTAuthPlugin: Plugin {
    public static let id = "jwt-auth"
    public typealias Configuration = NoConfiguration

    public static func make(configuration: NoConfiguration, context: PluginContext) async throws -> PluginComponents {
        let general = context.config.generalSettings
        guard general["enable_jwt_auth"]?.boolValue == true else {
            throw ConfigError("plugin 'jwt-auth' needs general_settings.enable_jwt_auth: true in config.yaml")
        }
        guard let object = (general["litellm_jwtauth"] ?? .object([:])).objectValue else {
            throw ConfigError("config.yaml: general_settings.litellm_jwtauth must be a mapping")
        }
        let settings = try JWTAuthSettings(object, environment: context.environment)
        let keys = KeySetCache(settings: settings, client: context.httpClient, logger: context.logger)
        let verifier = TokenVerifier(keys: keys, issuer: settings.issuer, audiences: settings.audiences, leeway: settings.leeway)
        if settings.audiences.isEmpty {
            context.logger.warning("jwt-auth: no audience configured (litellm_jwtauth.audience or JWT_AUDIENCE): any token of the issuer is accepted")
        }
        return PluginComponents(hooks: [JWTAuthenticator(verifier: verifier, mapper: ClaimMapper(settings: settings), identities: context.identities)]
        )
    }
}
