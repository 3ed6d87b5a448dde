public import GatewayCore

/// `admin-ui`: the gateway's admin web UI at `/ui`, server-rendered HTML (``PageRenderer``) that reads and writes
/// only through the management API as the signed-in user (``UIContext/admin(_:_:body:query:)``), so it offers
/// exactly what that user may do over the API.
///
/// Login takes the master key or a user's own key; the session (``SessionStore``) is a random id in an `HttpOnly`,
/// `SameSite=Strict` cookie, expires on the server after `session_ttl_seconds`, and every form carries the session's
/// CSRF token. Keys: ``Configuration``. See docs/ui.md.
public enum AdminUIPlugin: Plugin {
    public static let id = "admin-ui"

    public static func make(configuration: Configuration, context: PluginContext) async throws -> PluginComponents {
        var app = try AdminUIApp(configuration: configuration)
        // Single sign-on when GENERIC_CLIENT_ID is set (SSO/SSORoutes.swift).
        let ssoSettings = try SSOSettings(environment: context.environment, config: context.config)
        app.offersSSO = ssoSettings != nil
        let sso = ssoSettings.map { [app] in SSORoutes(app: app, settings: $0, client: context.httpClient).routes }
        return PluginComponents(httpRoutes: app.routes + (sso ?? []))
    }
}
