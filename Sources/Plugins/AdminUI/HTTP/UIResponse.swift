import GatewayCore
import HTTPTypes

/// The UI's HTTP answers, each with the headers that keep a page private and unframeable: no caching (a page may
/// show a key once), a content security policy that allows the UI's own stylesheet and script only, no framing, no
/// referrer.
enum UIResponse {
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func html(_ status: HTTPResponse.Status = .ok, _ body: String, cookies: [String] = []) -> PluginHTTPResponse {
        PluginHTTPResponse(status: status, contentType: "text/html; charset=utf-8", headers: headers(cookies), body: body)
    }

    /// 303 See Other to a path under `/ui`.
    static func redirect(_ location: String, cookies: [String] = []) -> PluginHTTPResponse {
        var fields = headers(cookies)
        fields[.location] = location.hasPrefix("/ui") ? location : "/ui"
        return PluginHTTPResponse(status: .seeOther, contentType: "text/plain; charset=utf-8", headers: fields, body: "")
    }

    /// A static asset (the stylesheet, the script), cacheable for an hour.
    static func asset(_ text: String, contentType: String) -> PluginHTTPResponse {
        PluginHTTPResponse(
            contentType: contentType, headers: [.cacheControl: "public, max-age=3600", HTTPField.Name("x-content-type-options")!: "nosniff"],
            body: text)
    }

    private static func headers(_ cookies: [String]) -> HTTPFields {
        var fields: HTTPFields = [
            .cacheControl: "no-store", HTTPField.Name("content-security-policy")!: contentSecurityPolicy,
            HTTPField.Name("x-frame-options")!: "DENY", HTTPField.Name("referrer-policy")!: "no-referrer",
            HTTPField.Name("x-content-type-options")!: "nosniff",
        ]
        for cookie in cookies { fields.append(HTTPField(name: .setCookie, value: cookie)) }
        return fields
    }
}
