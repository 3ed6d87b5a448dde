import Foundation
import GatewayCore
import HTTPTypes
import NIOCore

/// The UI's routes and the request flow every page shares: find the session, check the CSRF token of a form,
/// re-authenticate the session's key, run the page, put it in the layout. Login and logout are in
/// `AdminUIApp+Login.swift`.
struct AdminUIApp: Sendable {
    let sessions: SessionStore
    let renderer: PageRenderer
    /// Marks cookies `Secure` even without a TLS hint from a proxy.
    let alwaysSecureCookies: Bool
    /// Whether single sign-on is set up: the login page then links to `/ui/sso/login`.
    var offersSSO = false

    init(configuration: AdminUIPlugin.Configuration, clock: @escaping @Sendable () -> Double = { Date.now.timeIntervalSince1970 }) throws {
        sessions = SessionStore(lifetime: configuration.sessionTTLSeconds, capacity: configuration.maxSessions, clock: clock)
        renderer = try PageRenderer()
        alwaysSecureCookies = configuration.alwaysSecureCookies
    }

    var routes: [PluginHTTPRoute] {
        [
            PluginHTTPRoute(.get, "/ui/static/app.css") { _ in UIResponse.asset(Stylesheet.text, contentType: "text/css; charset=utf-8") },
            PluginHTTPRoute(.get, "/ui/static/app.js") { _ in UIResponse.asset(Script.text, contentType: "text/javascript; charset=utf-8") },
            PluginHTTPRoute(.get, "/ui/login") { await loginForm($0) },
            PluginHTTPRoute(.post, "/ui/login") { await login($0) },
            PluginHTTPRoute(.post, "/ui/logout") { await logout($0) },
            page(.get, "/ui") { try await OverviewPage.show($0, renderer) },
            page(.get, "/ui/keys") { try await KeysPage.list($0, renderer) },
            page(.post, "/ui/keys/new") { try await KeysPage.create($0, renderer) },
            page(.get, "/ui/keys/edit") { try await KeysPage.edit($0, renderer) },
            page(.post, "/ui/keys/edit") { try await KeysPage.update($0) },
            page(.post, "/ui/keys/action") { try await KeysPage.act($0, renderer) },
            page(.get, "/ui/teams") { try await TeamsPage.list($0, renderer) },
            page(.get, "/ui/teams/view") { try await TeamsPage.show($0, renderer) },
            page(.post, "/ui/teams/new") { try await TeamsPage.create($0) },
            page(.post, "/ui/teams/action") { try await TeamsPage.act($0) },
            page(.get, "/ui/users") { try await DirectoryPage.show(.users, $0, renderer) },
            page(.get, "/ui/organizations") { try await DirectoryPage.show(.organizations, $0, renderer) },
            page(.get, "/ui/customers") { try await DirectoryPage.show(.customers, $0, renderer) },
            page(.post, "/ui/directory/action") { try await DirectoryPage.act($0) },
            page(.get, "/ui/models") { try await ModelsPage.show($0, renderer) },
            page(.post, "/ui/models/action") { try await ModelsPage.act($0) },
            page(.post, "/ui/models/playground") { try await PlaygroundPage.send($0, renderer) },
            page(.get, "/ui/logs") { try await LogsPage.list($0, renderer) },
            page(.get, "/ui/logs/detail") { try await LogsPage.detail($0, renderer) },
            page(.get, "/ui/policies") { try await PoliciesPage.show($0, renderer) },
            page(.post, "/ui/policies/action") { try await PoliciesPage.act($0) },
            page(.get, "/ui/audit") { try await AuditPage.show($0, renderer) },
        ]
    }

    /// A page that needs a session (and, for a POST, the session's CSRF token in the form).
    func page(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping @Sendable (UIContext) async throws -> UIResult) -> PluginHTTPRoute {
        PluginHTTPRoute(method, path) { request in await respond(request, handler) }
    }

    func respond(_ request: PluginHTTPRequest, _ handler: @Sendable (UIContext) async throws -> UIResult) async -> PluginHTTPResponse {
        let cookieID = SessionCookie.cookies(in: request.headers)[SessionCookie.session]
        guard let session = sessions.session(id: cookieID) else {
            if request.method == .post {
                return UIResponse.html(
                    .forbidden, renderer.page(title: "Not logged in", body: "", chrome: nil, error: "Log in first: this form has no session."))
            }
            // A cookie for a session the server no longer has: it expired (or the gateway restarted).
            return UIResponse.redirect(cookieID == nil ? "/ui/login" : "/ui/login?done=expired", cookies: cookieID == nil ? [] : [clearing(request)])
        }
        let form = request.method == .post ? FormBody(String(buffer: request.body)) : FormBody("")
        if request.method == .post, !SessionToken.matches(form["csrf"], session.csrfToken) {
            return UIResponse.html(
                .forbidden,
                renderer.page(
                    title: "Form refused", body: "", chrome: nil,
                    error: "This form's CSRF token is missing or wrong, so it was not sent from this UI. Reload the page and try again."))
        }
        let principal: Principal
        do {
            principal = try await request.gateway.authenticate(credential: session.credential, route: request.path, requestID: request.requestID)
        } catch {
            sessions.remove(id: session.id)
            return UIResponse.redirect("/ui/login?done=revoked", cookies: [clearing(request)])
        }
        let context = UIContext(request: request, session: session, principal: principal, form: form)
        let chrome = LayoutView.Chrome(
            items: LayoutView.items(for: context.role, current: nil), who: Self.displayName(principal), role: context.role.label,
            csrf: session.csrfToken)
        do {
            switch try await handler(context) {
            case .page(let title, let section, let html):
                var current = chrome
                current.items = LayoutView.items(for: context.role, current: section)
                return UIResponse.html(.ok, renderer.page(title: title, body: html, chrome: current, notice: Notice.text(request.query["done"])))
            case .redirect(let location):
                return UIResponse.redirect(location)
            }
        } catch let error as GatewayError {
            return UIResponse.html(error.status, renderer.page(title: "Not done", body: Self.backLink, chrome: chrome, error: error.message))
        } catch {
            return UIResponse.html(
                .internalServerError,
                renderer.page(title: "Not done", body: Self.backLink, chrome: chrome, error: "The page failed: \(type(of: error))."))
        }
    }

    static let backLink = #"<p><a href="/ui">Back to the overview</a></p>"#

    /// How the header names the caller: the user id, the key's alias, or `master key`.
    static func displayName(_ principal: Principal) -> String {
        if principal.subject == "master_key" { return "master key" }
        return principal.userID ?? principal.keyAlias ?? "key " + String(principal.subject.prefix(8))
    }

    /// Whether the cookies of this answer get `Secure`.
    func secure(_ request: PluginHTTPRequest) -> Bool {
        alwaysSecureCookies || SessionCookie.cameOverTLS(request.headers)
    }

    /// The `Set-Cookie` that deletes the session cookie.
    func clearing(_ request: PluginHTTPRequest) -> String {
        SessionCookie.setCookie(name: SessionCookie.session, value: "", maxAge: 0, secure: secure(request))
    }
}
