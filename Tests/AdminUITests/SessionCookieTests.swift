import HTTPTypes
import Testing

@testable import AdminUI

/// The cookie rules: HttpOnly and SameSite=Strict always, Secure behind TLS, scoped to /ui; and reading cookies.
struct SessionCookieTests {
    @Test func cookieIsHttpOnlyStrictAndScoped() {
        let plain = SessionCookie.setCookie(name: "tollgate_session", value: "abc", maxAge: 60, secure: false)
        #expect(plain == "tollgate_session=abc; Path=/ui; Max-Age=60; HttpOnly; SameSite=Strict")
        let secure = SessionCookie.setCookie(name: "tollgate_session", value: "abc", maxAge: 60, secure: true)
        #expect(secure.hasSuffix("; Secure"))
        let browserSession = SessionCookie.setCookie(name: "tollgate_session", value: "abc", maxAge: nil, secure: false)
        #expect(browserSession == "tollgate_session=abc; Path=/ui; HttpOnly; SameSite=Strict", "the server, not the browser, expires a session")
    }

    @Test func tlsIsReadFromTheProxyHeaders() {
        #expect(SessionCookie.cameOverTLS([HTTPField.Name("x-forwarded-proto")!: "https"]))
        #expect(SessionCookie.cameOverTLS([HTTPField.Name("x-forwarded-proto")!: "HTTPS, http"]))
        #expect(!SessionCookie.cameOverTLS([HTTPField.Name("x-forwarded-proto")!: "http"]))
        #expect(SessionCookie.cameOverTLS([HTTPField.Name("forwarded")!: "for=1.2.3.4;proto=https"]))
        #expect(!SessionCookie.cameOverTLS([:]))
    }

    @Test func cookiesAreRead() {
        var headers: HTTPFields = [.cookie: "a=1; tollgate_session=xyz"]
        headers.append(HTTPField(name: .cookie, value: "b=2=3; tollgate_session=other"))
        let cookies = SessionCookie.cookies(in: headers)
        #expect(cookies["a"] == "1")
        #expect(cookies["b"] == "2=3")
        #expect(cookies["tollgate_session"] == "xyz", "the first of two is kept")
        #expect(SessionCookie.cookies(in: [:]).isEmpty)
    }

    @Test func formBodiesDecode() {
        let form = FormBody("csrf=ab%2Fc&key=sk-1&note=a+b%20c&empty=&flag&bad=%zz&multi=1&multi=2")
        #expect(form["csrf"] == "ab/c")
        #expect(form["note"] == "a b c")
        #expect(form["empty"] == "" && form.text("empty") == nil)
        #expect(form["flag"] == "")
        #expect(form["bad"] == nil, "a broken escape drops the pair")
        #expect(form["multi"] == "1")
        #expect(FormBody("%C3%A9=%E2%9C%93")["é"] == "✓")
        #expect(FormBody("x=%FF")["x"] == nil, "bytes that are not UTF-8 drop the pair")
    }
}
