import AsyncHTTPClient
import Foundation
import GatewayCore
import HTTPTypes
import NIOCore
import NIOHTTP1
import Synchronization

/// Single sign-on for the admin UI: OpenID Connect's authorization-code flow with PKCE (S256) against any
/// standard IdP (Okta, Entra ID, Google, Keycloak...).
///
/// `GET /ui/sso/login` starts a login (a fresh `state`, `nonce` and PKCE verifier, the state also in a short-lived
/// `HttpOnly` cookie so only the browser that started the login can finish it) and sends the browser to the IdP.
/// `GET /ui/sso/callback` checks the state against the cookie and the pending login (each used once), redeems the
/// code with the verifier, and has the gateway's auth hooks check the ID token (the `jwt-auth` plugin: signature,
/// issuer, audience, expiry, and its claims or the users table mapped to a role). The token's `nonce` must be the
/// login's. The session is the UI's own, with the ID token as its credential, so it ends when the token expires or
/// the user is blocked, as a key's session does.
struct SSORoutes: Sendable {
    let app: AdminUIApp
    let settings: SSOSettings
    let client: HTTPClient
    let pending = SSOPendingLogins()
    private let discovered = DiscoveredEndpoints()
    static let stateCookie = "tollgate_sso"

    init(app: AdminUIApp, settings: SSOSettings, client: HTTPClient) {
        self.app = app
        self.settings = settings
        self.client = client
    }

    var routes: [PluginHTTPRoute] {
        [
            PluginHTTPRoute(.get, "/ui/sso/login") { await start($0) },
            PluginHTTPRoute(.get, "/ui/sso/callback") { await callback($0) },
        ]
    }

    func start(_ request: PluginHTTPRequest) async -> PluginHTTPResponse {
        let endpoints: (authorization: String, token: String)
        do {
            endpoints = try await self.endpoints()
        } catch {
            return app.loginForm(request, status: .badGateway, error: "The identity provider cannot be reached; log in with a key, or try again.")
        }
        let (state, login) = pending.start(redirectURI: redirectURI(request))
        let query = PercentEncoding.form([
            ("response_type", "code"), ("client_id", settings.clientID), ("redirect_uri", login.redirectURI), ("scope", settings.scope),
            ("state", state), ("nonce", login.nonce), ("code_challenge", SSOPendingLogins.challenge(login.verifier)),
            ("code_challenge_method", "S256"),
        ])
        let separator = endpoints.authorization.contains("?") ? "&" : "?"
        // UIResponse.redirect stays under /ui (no open redirect); this one goes to the configured IdP only.
        var response = UIResponse.redirect("/ui", cookies: [stateCookie(state, maxAge: Int(SSOPendingLogins.lifetime), request)])
        response.headers[.location] = endpoints.authorization + separator + query
        return response
    }

    func callback(_ request: PluginHTTPRequest) async -> PluginHTTPResponse {
        let clear = stateCookie("", maxAge: 0, request)
        func refuse(_ status: HTTPResponse.Status, _ message: String) -> PluginHTTPResponse {
            var response = app.loginForm(request, status: status, error: message)
            response.headers.append(HTTPField(name: .setCookie, value: clear))
            return response
        }
        if let error = request.query["error"] {
            return refuse(.unauthorized, "The identity provider refused the login (\(error.prefix(80))).")
        }
        let cookieState = SessionCookie.cookies(in: request.headers)[Self.stateCookie]
        guard let state = request.query["state"], let cookieState, SessionToken.matches(state, cookieState) else {
            return refuse(.forbidden, "This sign-in was not started from this browser (its state does not match); start again.")
        }
        guard let login = pending.finish(state: state) else {
            return refuse(.badRequest, "This sign-in expired or was used already; start again.")
        }
        guard let code = request.query["code"], !code.isEmpty else { return refuse(.badRequest, "The identity provider sent no code.") }
        let idToken: String
        do {
            idToken = try await redeem(code: code, login: login)
        } catch {
            return refuse(.badGateway, "The identity provider did not give an ID token for this sign-in.")
        }
        let principal: Principal
        do {
            principal = try await request.gateway.authenticate(credential: idToken, route: request.path, requestID: request.requestID)
        } catch let error as GatewayError {
            return refuse(.unauthorized, "The identity provider's token was refused: \(error.message)")
        } catch {
            return refuse(.unauthorized, "The identity provider's token was refused.")
        }
        guard Self.claim("nonce", of: idToken) == login.nonce else {
            return refuse(.unauthorized, "The ID token's nonce is not this sign-in's; start again.")
        }
        guard principal.role.readsEverything || principal.userID != nil else {
            return refuse(.forbidden, "This sign-in maps to no gateway user: set litellm_jwtauth.user_id_jwt_field.")
        }
        let session = app.sessions.create(credential: idToken, principal: principal)
        let cookies = [SessionCookie.setCookie(name: SessionCookie.session, value: session.id, maxAge: nil, secure: app.secure(request)), clear]
        // A page, not a redirect: the browser arrived from the IdP's site, and a SameSite=Strict session cookie is
        // sent only on a navigation this site starts.
        let html = app.renderer.page(
            title: "Signed in",
            body: #"<meta http-equiv="refresh" content="0;url=/ui"><p><a href="/ui" id="continue">Continue to the admin UI</a></p>"#,
            chrome: nil)
        return UIResponse.html(.ok, html, cookies: cookies)
    }

    // MARK: IdP calls

    private func endpoints() async throws -> (authorization: String, token: String) {
        if let authorization = settings.authorizationEndpoint, let token = settings.tokenEndpoint { return (authorization, token) }
        if let known = discovered.value.withLock({ $0 }) { return known }
        let issuer = settings.issuer ?? ""
        let base = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        let document = try await send(HTTPClientRequest(url: base + "/.well-known/openid-configuration"))
        guard let authorization = settings.authorizationEndpoint ?? document["authorization_endpoint"]?.stringValue,
            let token = settings.tokenEndpoint ?? document["token_endpoint"]?.stringValue
        else { throw SSOError("the discovery document names no endpoints") }
        discovered.value.withLock { $0 = (authorization, token) }
        return (authorization, token)
    }

    private func redeem(code: String, login: SSOPendingLogins.Pending) async throws -> String {
        var pairs = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", login.redirectURI), ("client_id", settings.clientID),
            ("code_verifier", login.verifier),
        ]
        if let secret = settings.clientSecret { pairs.append(("client_secret", secret)) }
        var request = HTTPClientRequest(url: try await endpoints().token)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: PercentEncoding.form(pairs)))
        guard let token = try await send(request)["id_token"]?.stringValue else { throw SSOError("no id_token") }
        return token
    }

    private func send(_ request: HTTPClientRequest) async throws -> JSON {
        var request = request
        request.headers.add(name: "Accept", value: "application/json")
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok else { throw SSOError("the IdP answered \(response.status.code)") }
        return try JSONParser.parse(body.readableBytesView)
    }

    // MARK: Helpers

    /// A claim of a token the auth hooks verified already (so its payload is read, not checked again).
    static func claim(_ name: String, of token: String) -> String? {
        let parts = token.split(separator: ".")
        guard parts.count == 3 else { return nil }
        guard let bytes = Base64URL.decode(parts[1]), let payload = try? JSONParser.parse(bytes) else { return nil }
        return payload[name]?.stringValue
    }

    /// `PROXY_BASE_URL`'s callback, else this gateway's as the browser reached it (`Host`, and https when a proxy
    /// in front says so); the IdP accepts only the callback URLs registered with it.
    private func redirectURI(_ request: PluginHTTPRequest) -> String {
        if let fixed = settings.redirectURI { return fixed }
        let host = request.authority ?? "127.0.0.1"
        return (SessionCookie.cameOverTLS(request.headers) ? "https://" : "http://") + host + "/ui/sso/callback"
    }

    /// The login's state cookie: `SameSite=Lax`, since the IdP's redirect back is a cross-site navigation (a
    /// `Strict` cookie would not come with it); scoped to `/ui/sso`.
    private func stateCookie(_ value: String, maxAge: Int, _ request: PluginHTTPRequest) -> String {
        var parts = ["\(Self.stateCookie)=\(value)", "Path=/ui/sso", "Max-Age=\(maxAge)", "HttpOnly", "SameSite=Lax"]
        if app.secure(request) { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }
}

/// The IdP's endpoints, once its discovery document was read.
final class DiscoveredEndpoints: Sendable {
    let value = Mutex<(authorization: String, token: String)?>(nil)
}

/// Why a call to the IdP failed (the browser sees a plain message; this is for the log).
struct SSOError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
