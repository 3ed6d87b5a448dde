public import GatewayCore
import _CryptoExtras

/// A Google service-account key file (`"type": "service_account"`), the fields the JWT-bearer grant needs.
///
/// Hashable so that deployments sharing one service account share one cached access token (``GoogleAccessTokens``).
public struct GoogleServiceAccount: Sendable, Hashable {
    /// `client_email`: the JWT's issuer, and how errors name the account.
    public var clientEmail: String
    /// `private_key`: a PEM RSA key (PKCS#8 `BEGIN PRIVATE KEY`, as Google issues it). Never logged.
    public var privateKey: String
    /// `private_key_id`: the JWT header's `kid`.
    public var privateKeyID: String?
    /// `token_uri`: where the JWT is exchanged, and the JWT's audience (`https://oauth2.googleapis.com/token`).
    public var tokenURI: String
    /// `project_id`: the project a Vertex deployment uses when it names none.
    public var projectID: String?

    /// Google's token endpoint, when a key file names none.
    public static let defaultTokenURI = "https://oauth2.googleapis.com/token"

    public init(clientEmail: String, privateKey: String, privateKeyID: String?, tokenURI: String, projectID: String?) {
        self.clientEmail = clientEmail
        self.privateKey = privateKey
        self.privateKeyID = privateKeyID
        self.tokenURI = tokenURI
        self.projectID = projectID
    }

    /// Reads a key file's JSON.
    /// - Parameter origin: how errors name where it came from (`vertex_credentials`, a file path).
    /// - Throws: ``GoogleAuthError`` naming the missing or malformed field (never quoting a value but the `type`).
    public init(json: JSON, origin: String) throws(GoogleAuthError) {
        guard json.objectValue != nil else { throw GoogleAuthError("The Google credentials in \(origin) are not a JSON object.") }
        let type = json["type"]?.stringValue ?? ""
        guard type == "service_account" else {
            let shown =
                type.isEmpty ? "no type" : (type.count <= 40 && type.allSatisfy { $0.isLetter || $0 == "_" } ? "type '\(type)'" : "another type")
            throw GoogleAuthError(
                "The Google credentials in \(origin) have \(shown); a service-account key (\"type\": \"service_account\") or user "
                    + "credentials (\"authorized_user\") are required.")
        }
        func field(_ name: String) throws(GoogleAuthError) -> String {
            guard let value = json[name]?.stringValue, !value.isEmpty else {
                throw GoogleAuthError("The Google service account in \(origin) has no '\(name)'.")
            }
            return value
        }
        let email = try field("client_email")
        let key = try field("private_key")
        guard key.contains("-----BEGIN") && key.contains("PRIVATE KEY-----") else {
            throw GoogleAuthError("The Google service account in \(origin) has a 'private_key' that is not a PEM private key.")
        }
        guard (try? _RSA.Signing.PrivateKey(pemRepresentation: key)) != nil else {
            throw GoogleAuthError("The Google service account in \(origin) has a 'private_key' that is not an RSA key of 2048 bits or more.")
        }
        let tokenURI = json["token_uri"]?.stringValue ?? Self.defaultTokenURI
        guard tokenURI.hasPrefix("https://") || tokenURI.hasPrefix("http://") else {
            throw GoogleAuthError("The Google service account in \(origin) has a 'token_uri' that is not an http(s) URL.")
        }
        self.init(
            clientEmail: email, privateKey: key, privateKeyID: json["private_key_id"]?.stringValue, tokenURI: tokenURI,
            projectID: json["project_id"]?.stringValue)
    }
}
