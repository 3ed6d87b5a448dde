import AsyncHTTPClient
import Foundation
import GatewayCore
import NIOCore
import NIOHTTP1

/// The headers that authenticate the gateway to an upstream server: `auth_type` with its value, `static_headers`,
/// and for `oauth2` a client-credentials token, fetched from `token_url` and cached until a minute before it expires.
///
/// Values are never logged; an error names the server and the token endpoint's status only.
actor MCPUpstreamCredentials {
    private let httpClient: HTTPClient
    /// Access tokens by server id, with when they stop being used.
    private var tokens: [String: (token: String, until: Date)] = [:]

    init(httpClient: HTTPClient) {
        self.httpClient = httpClient
    }

    func headers(for server: MCPServerDefinition) async throws -> [(String, String)] {
        var headers = server.staticHeaders.map { ($0.key, $0.value) }
        switch server.authType {
        case "api_key": if let value = server.authValue { headers.append(("X-API-Key", value)) }
        case "bearer_token": if let value = server.authValue { headers.append(("Authorization", "Bearer \(value)")) }
        case "basic": if let value = server.authValue { headers.append(("Authorization", "Basic \(value)")) }
        case "authorization": if let value = server.authValue { headers.append(("Authorization", value)) }
        case "oauth2": if let oauth2 = server.oauth2 { headers.append(("Authorization", "Bearer \(try await token(server.id, oauth2))")) }
        default: break
        }
        return headers
    }

    /// Forgets a server's token (after the server refused it, or the server changed).
    func forget(_ serverID: String) {
        tokens[serverID] = nil
    }

    private func token(_ serverID: String, _ oauth2: MCPServerDefinition.OAuth2) async throws -> String {
        if let cached = tokens[serverID], cached.until > Date() { return cached.token }
        var request = HTTPClientRequest(url: oauth2.tokenURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        var form = [("grant_type", "client_credentials"), ("client_id", oauth2.clientID), ("client_secret", oauth2.clientSecret)]
        if !oauth2.scopes.isEmpty { form.append(("scope", oauth2.scopes.joined(separator: " "))) }
        request.body = .bytes(ByteBuffer(string: PercentEncoding.form(form)))
        let failure = MCPUpstreamError(kind: .rejected, message: "The OAuth2 token endpoint of an MCP server did not give a token.")
        guard let response = try? await httpClient.execute(request, timeout: .seconds(15)), response.status == .ok,
            let body = try? await response.body.collect(upTo: 1 << 20), let json = try? JSONParser.parse(body.readableBytesView),
            let token = json["access_token"]?.stringValue, !token.isEmpty
        else { throw failure }
        // A token without expires_in is kept for 5 minutes; one that expires sooner than 2 minutes is used once.
        let lifetime = min(max(json["expires_in"]?.doubleValue ?? 300, 0), 86_400)
        tokens[serverID] = (token, Date().addingTimeInterval(lifetime - 60))
        return token
    }
}
