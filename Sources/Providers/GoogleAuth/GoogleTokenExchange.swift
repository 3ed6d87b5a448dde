import AsyncHTTPClient
import GatewayCore
import NIOCore
import NIOHTTP1

/// Obtains an access token for ``GoogleCredentials``: a service account's JWT-bearer grant at its `token_uri`
/// (`POST`, form-encoded `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>`), a user's
/// refresh-token grant (`grant_type=refresh_token`, `client_id`, `client_secret`, `refresh_token`), or the metadata
/// server's token (`GET /computeMetadata/v1/instance/service-accounts/default/token`, `Metadata-Flavor: Google`).
///
/// | endpoint | result |
/// | --- | --- |
/// | 200 with `access_token` and `expires_in` | the token, for `expires_in` seconds (clamped to 1 s ... 24 h; 1 h when absent) |
/// | 400, 401, 403 (`invalid_grant`: a deleted or disabled key, a bad signature, a clock far off) | an error naming the account and Google's `error` code and description |
/// | another status, a body that is not a token, no answer | an error naming the endpoint; a timeout flagged as such |
///
/// Messages never quote the private key, the assertion or a token.
struct GoogleTokenExchange: Sendable {
    /// The grant type of RFC 7523, form-encoded.
    static let jwtBearerGrant = "urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"
    /// The metadata server's token path for the VM's (or pod's) default service account.
    static let metadataTokenPath = "/computeMetadata/v1/instance/service-accounts/default/token"

    let httpClient: HTTPClient
    /// Seconds since 1970: the assertion's `iat`.
    let now: @Sendable () -> Double

    /// - Parameter timeout: seconds to wait for the endpoint.
    /// - Returns: the token and its lifetime in seconds.
    func exchange(_ credentials: GoogleCredentials, timeout: Double) async throws(GoogleAuthError) -> (value: String, lifetime: Double) {
        var request: HTTPClientRequest
        var secrets: [String] = credentials.secrets
        let endpoint: String
        switch credentials {
        case .serviceAccount(let account):
            let clock = now()
            let issuedAt = clock.isFinite && abs(clock) < 1e12 ? Int(clock) : 0
            let assertion = try account.assertion(issuedAt: issuedAt)
            secrets.append(assertion)
            request = HTTPClientRequest(url: account.tokenURI)
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
            // The assertion is base64url and dots: nothing to percent-encode.
            request.body = .bytes(ByteBuffer(string: "grant_type=\(Self.jwtBearerGrant)&assertion=\(assertion)"))
            endpoint = "The Google token endpoint"
        case .authorizedUser(let user):
            request = HTTPClientRequest(url: user.tokenURI)
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: user.formBody))
            endpoint = "The Google token endpoint"
        case .metadataServer(let host):
            request = HTTPClientRequest(url: "http://\(host)\(Self.metadataTokenPath)")
            request.method = .GET
            request.headers.add(name: "metadata-flavor", value: "Google")
            endpoint = "The GCE metadata server (\(host))"
        }
        request.headers.add(name: "accept", value: "application/json")
        let status: Int
        let body: ByteBuffer
        do {
            let response = try await httpClient.execute(request, timeout: .milliseconds(Int64(timeout * 1000)))
            status = Int(response.status.code)
            body = try await response.body.collect(upTo: 1 << 20)
        } catch let error as HTTPClientError where [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error) {
            throw GoogleAuthError("\(endpoint) did not answer within \(Int(timeout)) seconds.", isTimeout: true)
        } catch {
            var hint = ""
            if case .metadataServer = credentials { hint = Self.noCredentialsHint }
            throw GoogleAuthError("\(endpoint) is unreachable.\(hint)")
        }
        let json = try? JSON(parsing: body)
        guard (200..<300).contains(status) else {
            throw GoogleAuthError("\(endpoint) refused \(credentials.name) (HTTP \(status)\(Self.reason(json, secrets: secrets))).")
        }
        guard let token = json?["access_token"]?.stringValue, !token.isEmpty else {
            throw GoogleAuthError("\(endpoint) answered without an access_token.")
        }
        let expiresIn = json?["expires_in"]?.doubleValue ?? json?["expires_in"]?.stringValue.flatMap(Double.init) ?? 3600
        return (token, min(max(expiresIn.isFinite ? expiresIn : 3600, 1), 86_400))
    }

    /// What a deployment with no credentials off Google Cloud should do.
    static let noCredentialsHint =
        " No Google credentials are configured: set the deployment's vertex_credentials or GOOGLE_APPLICATION_CREDENTIALS,"
        + " or run on Google Cloud."

    /// `: <error>: <description>` from an OAuth error body: the code when it is a plain word, the description (at most
    /// 200 characters) scrubbed of the key and the assertion; empty when there is neither.
    static func reason(_ json: JSON?, secrets: [String]) -> String {
        var text = ""
        if let code = json?["error"]?.stringValue, code.count <= 64, code.allSatisfy({ $0.isLetter || $0 == "_" }) { text += ": \(code)" }
        if let description = json?["error_description"]?.stringValue, !description.isEmpty {
            let scrubbed = SecretScrubber(secrets).scrub(String(description.prefix(200)))
            text += ": \(scrubbed)"
        }
        return text
    }
}
