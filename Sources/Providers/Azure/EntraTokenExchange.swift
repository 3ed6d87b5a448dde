import AsyncHTTPClient
import Foundation
import GatewayCore
import NIOCore
import NIOHTTP1

/// The client-credentials grant against Entra ID's token endpoint (`POST {authority}/{tenant}/oauth2/v2.0/token`).
///
/// | token endpoint | client sees |
/// | --- | --- |
/// | 200 with `access_token` and `expires_in` | the token, for `expires_in` seconds (clamped to 1 s ... 24 h; 5 min when absent) |
/// | 400, 401, 403 (bad tenant, client or secret) | 502 `upstream_auth_error` naming the deployment and Entra's `error` code |
/// | another status, a body that is not a token, no answer | 502 `upstream_auth_error` / 504 |
///
/// Messages never quote the secret nor the token, and not Entra's `error_description` either (it may echo input).
struct EntraTokenExchange: Sendable {
    let httpClient: HTTPClient
    /// Seconds to wait for the token endpoint.
    let timeout: Double

    /// - Returns: the token and its lifetime in seconds.
    /// - Throws: ``GatewayError`` whose message starts "The Entra ID token endpoint" (the caller names the deployment).
    func exchange(_ credentials: EntraCredentials) async throws -> (value: String, lifetime: Double) {
        var request = HTTPClientRequest(url: credentials.tokenURL)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: credentials.formBody))
        let prefix = "The Entra ID token endpoint"
        let body: ByteBuffer
        let status: Int
        do {
            let response = try await httpClient.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            status = Int(response.status.code)
            body = try await response.body.collect(upTo: 1 << 20)
        } catch let error as HTTPClientError where [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error) {
            throw GatewayError.gatewayTimeout("\(prefix) did not answer within \(Int(timeout)) seconds.")
        } catch {
            throw GatewayError.badGateway("\(prefix) is unreachable.", code: "upstream_auth_error")
        }
        let json = try? JSON(parsing: body)
        guard (200..<300).contains(status) else {
            let code = json?["error"]?.stringValue.map { Self.isPlainCode($0) ? ": \($0)" : "" } ?? ""
            throw GatewayError.badGateway(
                "\(prefix) refused the deployment's client credentials (HTTP \(status)\(code)).", code: "upstream_auth_error")
        }
        guard let token = json?["access_token"]?.stringValue, !token.isEmpty else {
            throw GatewayError.badGateway("\(prefix) answered without an access_token.", code: "upstream_auth_error")
        }
        let expiresIn = json?["expires_in"]?.doubleValue ?? json?["expires_in"]?.stringValue.flatMap(Double.init) ?? 300
        return (token, min(max(expiresIn.isFinite ? expiresIn : 300, 1), 86_400))
    }

    /// Whether an OAuth `error` code is safe to quote: short, letters and `_` only (`invalid_client`).
    static func isPlainCode(_ code: String) -> Bool {
        code.count <= 64 && code.utf8.allSatisfy { $0 == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
    }
}
