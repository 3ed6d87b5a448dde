import AsyncHTTPClient
import Foundation
import GatewayCore
import GatewayTesting
import NIOCore
import NIOHTTP1

/// A minimal browser for the UI's HTTP tests: keeps the cookies the gateway sets (path `/ui`), sends forms, and
/// reads the CSRF token from the last page.
final class UIBrowser: @unchecked Sendable {
    let gateway: TestEndpoint
    private(set) var cookies: [String: String] = [:]
    private(set) var last: Page?
    /// Extra headers on every request (`x-forwarded-proto`).
    var headers: [String: String] = [:]

    init(_ gateway: TestEndpoint) { self.gateway = gateway }

    /// The CSRF token in the last page's forms.
    var csrf: String? {
        guard let body = last?.body, let range = body.range(of: #"name="csrf" value=""#) else { return nil }
        return String(body[range.upperBound...].prefix { $0 != "\"" })
    }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        try await send(.get, path, body: nil)
    }

    /// Posts a form; `csrf: true` adds the token of the last page.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], csrf withToken: Bool = true) async throws -> Page {
        var fields = fields
        if withToken, let token = csrf { fields.insert(("csrf", token), at: 0) }
        let body = fields.map { "\(QueryEncoding.encode($0.0))=\(QueryEncoding.encode($0.1))" }.joined(separator: "&")
        return try await send(.post, path, body: body)
    }

    /// Logs in with a key from the login page; returns the login's answer (303 on success).
    @discardableResult
    func login(_ key: String) async throws -> Page {
        try await get("/ui/login")
        return try await post("/ui/login", [("key", key)])
    }

    /// The `Set-Cookie` values of the last answer.
    var setCookies: [String] { (last?.headers ?? []).filter { $0.0.lowercased() == "set-cookie" }.map(\.1) }

    private func send(_ method: HTTPMethodName, _ path: String, body: String?) async throws -> Page {
        var headers = self.headers
        if !cookies.isEmpty { headers["cookie"] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if body != nil { headers["content-type"] = "application/x-www-form-urlencoded" }
        let reply = try await Self.fetch(gateway.baseURL + path, method: method == .get ? .GET : .POST, body: body, headers: headers)
        for (name, value) in reply.headers where name.lowercased() == "set-cookie" {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let cookieName = String(pair[0])
            if value.contains("Max-Age=0") { cookies[cookieName] = nil } else { cookies[cookieName] = pair.count > 1 ? String(pair[1]) : "" }
        }
        last = reply
        return reply
    }

    enum HTTPMethodName { case get, post }

    /// An answer as the browser got it.
    struct Page: Sendable {
        let status: Int
        let headers: [(String, String)]
        let body: String

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }

    /// A client that does not follow redirects (a browser's 303 is what the tests look at). Never shut down: it
    /// lives as long as the test process.
    static let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    /// One request without following redirects.
    static func fetch(_ url: String, method: HTTPMethod, body: String? = nil, headers: [String: String]) async throws -> Page {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
        return Page(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: String(buffer: bytes))
    }
}

/// Form and query encoding for the tests (RFC 3986 unreserved characters kept).
enum QueryEncoding {
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
