import Crypto
public import Foundation
public import GatewayCore
import Hummingbird
import NIOCore
import Synchronization
public import _CryptoExtras

/// A stand-in for Google's OAuth 2.0 token endpoint and a GCE metadata server, on loopback.
///
/// `POST /token` takes the JWT-bearer grant as Google does (form-encoded
/// `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>`) and checks the assertion as Google
/// does: header `alg: RS256`, `typ: JWT` and a `kid` it knows (a registered account's key; an unknown one was deleted
/// or never issued), the RS256 signature against that account's public key, and the claims: `iss` the account's
/// email, `aud` this endpoint's URL, `scope` cloud-platform, `iat` within five minutes of now, `exp` = `iat` + at most
/// an hour. Any failure is Google's `400 {"error": "invalid_grant", "error_description": ...}`. A good assertion gets a
/// fresh random access token for ``tokenLifetime`` seconds. The refresh-token grant of a user's credentials
/// (`grant_type=refresh_token`, `client_id`, `client_secret`, `refresh_token`) is taken for a registered refresh token
/// with its client, else the same 400 `invalid_grant` ("Token has been expired or revoked.").
///
/// `GET /computeMetadata/v1/instance/service-accounts/default/token` with `Metadata-Flavor: Google` answers a token
/// the same way (403 without the header, as the metadata server).
///
/// ``issued`` lists every token handed out: what a Vertex stand-in accepts.
public final class GoogleOAuthUpstream: Sendable {
    public struct Account: Sendable {
        public var email: String
        public var publicKey: _RSA.Signing.PublicKey
    }

    private let accounts = Mutex<[String: Account]>([:])
    private let users = Mutex<[String: (clientID: String, clientSecret: String)]>([:])
    private let tokens = Mutex<[String]>([])
    private let requests = Mutex<[String]>([])
    private let grants = Mutex<[String]>([])
    private let port = Mutex(0)
    /// Seconds since 1970 (tests move it together with the gateway's clock).
    let now: @Sendable () -> Double
    /// `expires_in` of the tokens issued.
    public let tokenLifetime: Int
    /// The wait before each token answer (to make concurrent callers overlap).
    public let delay: Duration

    public init(now: (@Sendable () -> Double)? = nil, tokenLifetime: Int = 3599, delay: Duration = .zero) {
        self.now = now ?? { Date().timeIntervalSince1970 }
        self.tokenLifetime = tokenLifetime
        self.delay = delay
    }

    /// Accepts assertions signed by `account`'s key (by its `private_key_id`).
    public func register(_ account: TestServiceAccount) {
        accounts.withLock { $0[account.privateKeyID] = Account(email: account.clientEmail, publicKey: account.publicKey) }
    }

    /// Accepts the refresh-token grant for `refreshToken` of the OAuth client `clientID` / `clientSecret` (a user's
    /// `gcloud auth application-default login`).
    public func register(refreshToken: String, clientID: String, clientSecret: String) {
        users.withLock { $0[refreshToken] = (clientID, clientSecret) }
    }

    /// Every access token issued, oldest first.
    public var issued: [String] { tokens.withLock { $0 } }
    /// The endpoints asked, in order: `token` for a grant, `metadata` for the metadata server (refusals included).
    public var received: [String] { requests.withLock { $0 } }
    /// Every assertion (JWT) received on `/token`, oldest first, accepted or not.
    public var assertions: [String] { grants.withLock { $0 } }
    /// The token endpoint's URL (also the assertions' expected `aud`).
    public var tokenURL: String { "http://127.0.0.1:\(port.withLock { $0 })/token" }

    /// Runs the stand-in for the duration of `body`, which gets its base URL (`http://127.0.0.1:PORT`).
    public func withRunning<T: Sendable>(_ body: (String) async throws -> T) async throws -> T {
        let router = Router()
        router.post("/token") { request, _ in
            self.requests.withLock { $0.append("token") }
            let form = String(buffer: try await request.body.collect(upTo: 1 << 20))
            if self.delay > .zero { try await Task.sleep(for: self.delay) }
            if let problem = self.problem(form: form) {
                return Self.reply(.badRequest, ["error": "invalid_grant", "error_description": .string(problem)])
            }
            return self.issue()
        }
        router.get("/computeMetadata/v1/instance/service-accounts/default/token") { request, _ in
            self.requests.withLock { $0.append("metadata") }
            guard request.headers[.init("Metadata-Flavor")!] == "Google" else {
                return Self.reply(.forbidden, ["error": "Missing required header: Metadata-Flavor"])
            }
            return self.issue()
        }
        return try await RunningServer.serve(router, label: "google-oauth") { port in
            self.port.withLock { $0 = port }
            return try await body("http://127.0.0.1:\(port)")
        }
    }

    private func issue() -> Response {
        let token = "ya29.standin-" + (0..<32).map { _ in String("abcdefghijklmnopqrstuvwxyz0123456789".randomElement()!) }.joined()
        tokens.withLock { $0.append(token) }
        return Self.reply(.ok, ["access_token": .string(token), "expires_in": .int(tokenLifetime), "token_type": "Bearer"])
    }

    /// Why Google would refuse the grant in `form`, or nil.
    func problem(form: String) -> String? {
        var fields: [String: String] = [:]
        for pair in form.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        if fields["grant_type"] == "refresh_token" {
            guard let token = fields["refresh_token"], let user = users.withLock({ $0[token] }), user.clientID == fields["client_id"],
                user.clientSecret == fields["client_secret"]
            else { return "Token has been expired or revoked." }
            return nil
        }
        guard fields["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer" else { return "Invalid grant_type." }
        if let assertion = fields["assertion"] { grants.withLock { $0.append(assertion) } }
        let pieces = (fields["assertion"] ?? "").split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count == 3, let headerBytes = Self.base64URLDecoded(pieces[0]), let claimBytes = Self.base64URLDecoded(pieces[1]),
            let signature = Self.base64URLDecoded(pieces[2]), let header = try? JSONParser.parse(String(decoding: headerBytes, as: UTF8.self)),
            let claims = try? JSONParser.parse(String(decoding: claimBytes, as: UTF8.self))
        else { return "Invalid JWT: malformed assertion." }
        guard header["alg"] == "RS256", header["typ"] == "JWT" else { return "Invalid JWT: unsupported algorithm." }
        guard let kid = header["kid"]?.stringValue, let account = accounts.withLock({ $0[kid] }) else { return "Invalid JWT Signature." }
        let signed = Data((pieces[0] + "." + pieces[1]).utf8)
        guard account.publicKey.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: signed, padding: .insecurePKCS1v1_5)
        else { return "Invalid JWT Signature." }
        guard claims["iss"]?.stringValue == account.email else { return "Invalid JWT: iss is not the key's service account." }
        guard claims["aud"]?.stringValue == tokenURL else { return "Invalid JWT: audience is not the token endpoint." }
        guard claims["scope"] == "https://www.googleapis.com/auth/cloud-platform" else { return "Invalid OAuth scope or ID token audience provided." }
        guard let iat = claims["iat"]?.intValue, let exp = claims["exp"]?.intValue, abs(Double(iat) - now()) <= 300, exp > iat, exp - iat <= 3600
        else {
            return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the "
                + "JWT claim."
        }
        return nil
    }

    /// The bytes of a base64url text (padding optional).
    public static func base64URLDecoded(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    static func reply(_ status: HTTPResponse.Status, _ body: JSON) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: body.serialized()))
    }
}
