import GatewayCore
import HTTPTypes
import NIOCore

/// Login and logout. The login form is protected against cross-site posting like every other form: its CSRF token
/// is a random value set in a short-lived `HttpOnly`, `SameSite=Strict` cookie and repeated in the form.
extension AdminUIApp {
    /// Seconds the login form's token lasts.
    static let loginFormLifetime = 900

    func loginForm(_ request: PluginHTTPRequest, status: HTTPResponse.Status = .ok, error: String? = nil) -> PluginHTTPResponse {
        if error == nil, sessions.session(id: SessionCookie.cookies(in: request.headers)[SessionCookie.session]) != nil {
            return UIResponse.redirect("/ui")
        }
        let token = SessionToken.random()
        let html = renderer.page(
            title: "Log in", body: renderer.render(["csrf": token, "sso": offersSSO] as [String: Any], "login"), chrome: nil,
            notice: Notice.text(request.query["done"]), error: error)
        let cookie = SessionCookie.setCookie(name: SessionCookie.login, value: token, maxAge: Self.loginFormLifetime, secure: secure(request))
        return UIResponse.html(status, html, cookies: [cookie])
    }

    func login(_ request: PluginHTTPRequest) async -> PluginHTTPResponse {
        let form = FormBody(String(buffer: request.body))
        guard let expected = SessionCookie.cookies(in: request.headers)[SessionCookie.login], SessionToken.matches(form["csrf"], expected) else {
            return loginForm(request, status: .forbidden, error: "This login form's CSRF token is missing or wrong; log in from this page.")
        }
        guard let key = form.text("key") else { return loginForm(request, status: .badRequest, error: "Enter a key.") }
        let principal: Principal
        do {
            principal = try await request.gateway.authenticate(credential: key, route: request.path, requestID: request.requestID)
        } catch {
            return loginForm(request, status: .unauthorized, error: "This key does not log in: it is unknown, blocked or expired.")
        }
        guard principal.role.readsEverything || principal.userID != nil else {
            return loginForm(
                request, status: .forbidden, error: "This key belongs to no user: log in with the master key, an admin's key or a user's own key.")
        }
        let session = sessions.create(credential: key, principal: principal)
        let cookies = [
            SessionCookie.setCookie(name: SessionCookie.session, value: session.id, maxAge: nil, secure: secure(request)),
            SessionCookie.setCookie(name: SessionCookie.login, value: "", maxAge: 0, secure: secure(request)),
        ]
        return UIResponse.redirect("/ui", cookies: cookies)
    }

    func logout(_ request: PluginHTTPRequest) async -> PluginHTTPResponse {
        let form = FormBody(String(buffer: request.body))
        if let session = sessions.session(id: SessionCookie.cookies(in: request.headers)[SessionCookie.session]) {
            guard SessionToken.matches(form["csrf"], session.csrfToken) else {
                return UIResponse.html(
                    .forbidden, renderer.page(title: "Form refused", body: "", chrome: nil, error: "This form's CSRF token is wrong."))
            }
            sessions.remove(id: session.id)
        }
        return UIResponse.redirect("/ui/login?done=logged_out", cookies: [clearing(request)])
    }
}
