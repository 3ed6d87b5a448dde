import AWSSigV4
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Calls STS's Query API (`POST {endpoint}/`, a form body) for one ``STSRole``: `AssumeRole` signed with SigV4
/// (service `sts`, the role's region), or `AssumeRoleWithWebIdentity` unsigned with the OIDC token in the body.
///
/// | STS answers | result |
/// | --- | --- |
/// | 200 with `Credentials` | the credentials and their `Expiration` (seconds since 1970) |
/// | an `ErrorResponse` (403 `AccessDenied`, 400 `InvalidIdentityToken`, 400 `ExpiredToken`, ...) | ``STSError/refused(status:code:message:role:)`` |
/// | anything else | ``STSError/invalidResponse(status:role:)`` |
/// | no answer, or none in time | ``STSError/unreachable(role:)``, ``STSError/timeout(seconds:role:)`` |
///
/// Nothing is logged. STS's message is scrubbed of the keys, the token and the session token before it is kept.
struct STSClient: Sendable {
    let httpClient: HTTPClient
    /// Seconds since 1970 (the signing time; tests fix it).
    let now: @Sendable () -> Double

    /// Asks STS for `role`'s credentials.
    /// - Parameters:
    ///   - signingCredentials: the keys that sign `AssumeRole`; nil for a web identity.
    ///   - timeout: seconds to wait for the whole answer.
    /// - Returns: the temporary credentials and when they expire, in seconds since 1970.
    /// - Throws: ``STSError``.
    func assume(_ role: STSRole, signingCredentials: AWSCredentials?, timeout: Double) async throws -> (AWSCredentials, expiration: Double) {
        var token: String?
        switch role.identity {
        case .webIdentityToken(let value): token = value
        case .webIdentityTokenFile(let path):
            // Read at each call: the kubelet replaces the projected token well before it expires.
            let text = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let text, !text.isEmpty else { throw STSError.tokenFile(path: path, role: role) }
            token = text
        case .credentials, .assumedRole: break
        }
        let body = Array(role.formBody(webIdentityToken: token).utf8)
        let url = role.endpoint + "/"
        let components = URLComponents(string: url)
        var host = components?.host ?? ""
        if let port = components?.port { host += ":\(port)" }
        var headers: [(name: String, value: String)] = [
            ("host", host), ("content-type", "application/x-www-form-urlencoded; charset=utf-8"), ("accept", "text/xml"),
        ]
        var secrets = [token].compactMap { $0 }
        if let signingCredentials, token == nil {
            let signer = SigV4Signer(credentials: signingCredentials, region: role.region, service: "sts")
            let path = components?.path.isEmpty == false ? components?.path ?? "/" : "/"
            let signature = signer.sign(
                SigV4Request(method: "POST", path: path, headers: headers, body: body), at: AWSTimestamp(secondsSince1970: now()))
            headers += signature.headers
            secrets += signingCredentials.secrets + [signature.signature]
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers where name != "host" { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let status: Int
        let answer: ByteBuffer
        let wait = timeout.isFinite ? min(max(timeout, 1), 60) : 30
        do {
            let response = try await httpClient.execute(request, timeout: .milliseconds(Int64(wait * 1000)))
            status = Int(response.status.code)
            answer = try await response.body.collect(upTo: 1 << 20)
        } catch let error as HTTPClientError where [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error) {
            throw STSError.timeout(seconds: wait, role: role)
        } catch {
            throw STSError.unreachable(role: role)
        }
        switch STSResponse.parse(Array(answer.readableBytesView)) {
        case .credentials(let credentials, let expiration) where (200..<300).contains(status):
            // Range-checked before use: a time already past (or STS's clock far behind) is no credential at all, and
            // one far beyond STS's 12-hour maximum is capped so a bad answer cannot pin credentials forever.
            let now = now()
            guard expiration > now else { throw STSError.expired(role: role) }
            return (credentials, min(expiration, now + Double(STSRole.durationRange.upperBound)))
        case .error(let code, let message):
            var scrubbed = message
            for secret in secrets where !secret.isEmpty { scrubbed = scrubbed.replacingOccurrences(of: secret, with: "[redacted]") }
            throw STSError.refused(status: status, code: code, message: scrubbed, role: role)
        default:
            throw STSError.invalidResponse(status: status, role: role)
        }
    }
}
