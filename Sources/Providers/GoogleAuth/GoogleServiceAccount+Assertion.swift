import Crypto
import Foundation
import GatewayCore
import _CryptoExtras

extension GoogleServiceAccount {
    /// The OAuth scope Vertex AI (and every Google Cloud API) takes.
    public static let cloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform"
    /// Seconds an assertion is valid: Google accepts at most an hour.
    static let assertionLifetime = 3600

    /// The signed JWT of the JWT-bearer grant (RFC 7523), as Google's client libraries make it: header
    /// `{"alg": "RS256", "typ": "JWT", "kid": private_key_id}`, claims `iss` = `client_email`, `scope`, `aud` =
    /// `token_uri`, `iat` and `exp` = `iat` + 3600; signed RSASSA-PKCS1-v1_5 with SHA-256 by `private_key`.
    /// - Parameter issuedAt: seconds since 1970.
    /// - Throws: ``GoogleAuthError`` when the key cannot be read as an RSA key of 2048 bits or more.
    public func assertion(issuedAt: Int, scope: String = cloudPlatformScope) throws(GoogleAuthError) -> String {
        let key: _RSA.Signing.PrivateKey
        do {
            key = try _RSA.Signing.PrivateKey(pemRepresentation: privateKey)
        } catch {
            throw GoogleAuthError("The 'private_key' of Google service account '\(clientEmail)' is not a readable RSA key of 2048 bits or more.")
        }
        var header: JSON = ["alg": "RS256", "typ": "JWT"]
        if let privateKeyID { header["kid"] = .string(privateKeyID) }
        let claims: JSON = [
            "iss": .string(clientEmail), "scope": .string(scope), "aud": .string(tokenURI), "iat": .int(issuedAt),
            "exp": .int(issuedAt + Self.assertionLifetime),
        ]
        let signingInput = Self.base64URL(header.serializedBytes()) + "." + Self.base64URL(claims.serializedBytes())
        let signature: _RSA.Signing.RSASignature
        do {
            signature = try key.signature(for: Array(signingInput.utf8), padding: .insecurePKCS1v1_5)
        } catch {
            throw GoogleAuthError("The 'private_key' of Google service account '\(clientEmail)' could not sign.")
        }
        return signingInput + "." + Self.base64URL(Array(signature.rawRepresentation))
    }

    /// Base64url without padding (RFC 7515 §2).
    static func base64URL(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }
}
