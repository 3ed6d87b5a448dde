import Foundation
import GatewayCore
import JWTKit

/// Verifies a JWT against the identity provider's keys and the configured issuer and audience, and returns its
/// claims. The signature is checked by jwt-kit; the time, issuer and audience checks are ours so each failure gets
/// its own message.
///
/// Order: header (`alg` must be an asymmetric algorithm: `none` and HMAC are refused, so a public key can never be
/// used as a shared secret), key id (refetching the JWKS for an unknown one), signature, then `exp` (required),
/// `nbf`, `iss`, `aud`.
struct TokenVerifier: Sendable {
    static let acceptedAlgorithms: Set<String> = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"]

    let keys: KeySetCache
    let issuer: String?
    let audiences: [String]
    let leeway: Double

    /// Whether `credential` has a JWT's shape (three base64url parts, a JSON header with `alg`): the question the
    /// auth hook asks before claiming a credential, so keys and other tokens pass on.
    static func looksLikeJWT(_ credential: String) -> Bool {
        header(of: credential) != nil
    }

    /// The decoded header, when `credential` has a JWT's shape.
    static func header(of credential: String) -> JSON? {
        let parts = credential.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count < 4096, let bytes = Base64URL.decode(parts[0]),
            let header = try? JSONParser.parse(bytes), header["alg"]?.stringValue != nil
        else { return nil }
        return header
    }

    /// - Returns: the verified token's claims.
    /// - Throws: a ``JWTAuthError`` naming why the token is refused.
    func verify(_ token: String, now: Double = Date().timeIntervalSince1970) async throws -> JSON {
        guard let header = Self.header(of: token), let alg = header["alg"]?.stringValue else { throw JWTAuthError.malformed("no header") }
        guard Self.acceptedAlgorithms.contains(alg) else { throw JWTAuthError.unsupportedAlgorithm(alg) }
        let kid = header["kid"]?.stringValue
        let keySet = try await keys.keys(for: kid)
        if let kid, !keySet.keyIDs.contains(kid) { throw JWTAuthError.unknownKeyID(kid) }
        let payload: ClaimsPayload
        do {
            // Without a kid every key is tried (an IdP with one key often leaves it out).
            payload = try await keySet.collection.verify(token, as: ClaimsPayload.self, iteratingKeys: kid == nil)
        } catch let error as JWTError where error.errorType == .malformedToken {
            throw JWTAuthError.malformed("its payload is not a JSON object")
        } catch {
            throw JWTAuthError.badSignature
        }
        let claims = payload.claims
        try checkTimes(claims, now: now)
        if let issuer, claims["iss"]?.stringValue.map({ Self.sameIssuer($0, issuer) }) != true {
            throw claims["iss"] == nil ? JWTAuthError.missingClaim("iss") : JWTAuthError.wrongIssuer(expected: issuer)
        }
        if !audiences.isEmpty {
            let tokenAudiences = ClaimPath("aud").strings(in: claims) ?? []
            if tokenAudiences.isEmpty { throw JWTAuthError.missingClaim("aud") }
            if !tokenAudiences.contains(where: audiences.contains) { throw JWTAuthError.wrongAudience(expected: audiences) }
        }
        return claims
    }

    private func checkTimes(_ claims: JSON, now: Double) throws {
        guard let exp = claims["exp"] else { throw JWTAuthError.missingClaim("exp") }
        guard let expiry = exp.doubleValue, expiry.isFinite else { throw JWTAuthError.malformed("'exp' is not a number") }
        if now > expiry + leeway { throw JWTAuthError.expired(at: expiry) }
        if let nbf = claims["nbf"] {
            guard let notBefore = nbf.doubleValue, notBefore.isFinite else { throw JWTAuthError.malformed("'nbf' is not a number") }
            if now + leeway < notBefore { throw JWTAuthError.notYetValid(until: notBefore) }
        }
    }

    /// Issuers compared without a trailing slash (IdPs differ on it between discovery and tokens).
    private static func sameIssuer(_ a: String, _ b: String) -> Bool {
        func trimmed(_ s: String) -> Substring { s.hasSuffix("/") ? s.dropLast() : Substring(s) }
        return trimmed(a) == trimmed(b)
    }
}

/// The whole payload as JSON; jwt-kit calls ``verify(using:)`` after the signature checks, and the claim checks
/// are ``TokenVerifier``'s.
struct ClaimsPayload: JWTPayload {
    let claims: JSON

    init(from decoder: any Decoder) throws {
        claims = try JSON(from: decoder)
        guard claims.objectValue != nil else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "the payload is not an object"))
        }
    }

    func encode(to encoder: any Encoder) throws { try claims.encode(to: encoder) }

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
