import Foundation
import HTTPTypes

/// The cookies of the admin UI: the session id (`tollgate_session`) and, before login, the login form's CSRF token
/// (`tollgate_login`). Both are `HttpOnly` (no script reads them), `SameSite=Strict` (no other site's page sends
/// them), scoped to `/ui`, and `Secure` when the browser reached the gateway over TLS.
enum SessionCookie {
    static let session = "tollgate_session"
    static let login = "tollgate_login"

    /// The value of a `Set-Cookie` header.
    /// - Parameters:
    ///   - maxAge: seconds the browser keeps it; 0 deletes it; nil keeps it until the browser closes (the session
    ///     cookie: its expiry is the server's, which then says the session expired rather than the cookie vanishing).
    ///   - secure: adds `Secure` (the page came over TLS).
    static func setCookie(name: String, value: String, maxAge: Int?, secure: Bool) -> String {
        var parts = ["\(name)=\(value)", "Path=/ui"]
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        parts += ["HttpOnly", "SameSite=Strict"]
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }

    /// The cookies a request carries (`Cookie: a=1; b=2`, possibly over several header lines).
    static func cookies(in headers: HTTPFields) -> [String: String] {
        var cookies: [String: String] = [:]
        for line in headers[values: .cookie] {
            for pair in line.split(separator: ";") {
                let trimmed = pair.trimmingCharacters(in: .whitespaces)
                guard let equals = trimmed.firstIndex(of: "=") else { continue }
                let name = String(trimmed[..<equals])
                // The first of two cookies with one name is the more specific path's (RFC 6265 5.4); keep it.
                if cookies[name] == nil { cookies[name] = String(trimmed[trimmed.index(after: equals)...]) }
            }
        }
        return cookies
    }

    /// Whether the browser reached the gateway over TLS, as a proxy in front of it reports (`X-Forwarded-Proto:
    /// https`, RFC 7239's `Forwarded: proto=https`); the gateway itself listens on plain HTTP.
    static func cameOverTLS(_ headers: HTTPFields) -> Bool {
        if let proto = headers[HTTPField.Name("x-forwarded-proto")!],
            proto.split(separator: ",").first?.trimmingCharacters(in: .whitespaces)
                .lowercased() == "https"
        {
            return true
        }
        if let forwarded = headers[HTTPField.Name("forwarded")!]?.lowercased() {
            return forwarded.split(separator: ",").first?.split(separator: ";").contains {
                $0.trimmingCharacters(in: .whitespaces) == "proto=https"
            } ?? false
        }
        return false
    }
}
