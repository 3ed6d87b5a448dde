import Foundation
public import GatewayCore
public import _CryptoExtras

/// A Google service account made for a test: a fresh 2048-bit RSA key and its key file's JSON, as Google issues them
/// (`type`, `project_id`, `private_key_id`, `private_key` in PKCS#8 PEM, `client_email`, `token_uri`, ...).
public struct TestServiceAccount: Sendable {
    public let clientEmail: String
    public let privateKeyID: String
    public let projectID: String
    public let privateKey: _RSA.Signing.PrivateKey
    /// The token endpoint the key file names (`{stand-in}/token`).
    public let tokenURI: String

    /// - Parameters:
    ///   - tokenURI: the token endpoint, usually ``GoogleOAuthUpstream``'s ``GoogleOAuthUpstream/tokenURL``.
    ///   - name: the account's name, before `@{project}.iam.gserviceaccount.com`.
    public init(tokenURI: String, name: String = "tollgate-test", projectID: String = "tollgate-project") throws {
        self.privateKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        self.clientEmail = "\(name)@\(projectID).iam.gserviceaccount.com"
        self.privateKeyID = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        self.projectID = projectID
        self.tokenURI = tokenURI
    }

    /// The public half, what the token endpoint verifies assertions with.
    public var publicKey: _RSA.Signing.PublicKey { privateKey.publicKey }

    /// The public key as PEM (SubjectPublicKeyInfo), for checks outside Swift (Python's `cryptography`).
    public var publicKeyPEM: String { privateKey.publicKey.pemRepresentation }

    /// The private key as the key file holds it (PKCS#8 PEM): what must never appear in a log, an error or a store.
    public var privateKeyPEM: String { privateKey.pkcs8PEMRepresentation }

    /// The key file's JSON.
    public var json: JSON {
        [
            "type": "service_account", "project_id": .string(projectID), "private_key_id": .string(privateKeyID),
            "private_key": .string(privateKey.pkcs8PEMRepresentation), "client_email": .string(clientEmail), "client_id": "104870000000000000001",
            "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": .string(tokenURI),
            "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs", "universe_domain": "googleapis.com",
        ]
    }

    /// Writes the key file into `directory` and returns its path.
    public func write(into directory: String, name: String = "service-account.json") throws -> String {
        let path = directory + "/" + name
        try Data(json.serializedBytes()).write(to: URL(fileURLWithPath: path))
        return path
    }
}
