import Crypto
import Foundation

/// Encrypts credentials for storage with AES-256-GCM: provider credentials of models added at runtime, MCP servers' upstream
/// credentials.
///
/// The key is the SHA-256 of the operator's secret (an environment variable, `TOLLGATE_ENCRYPTION_KEY` by
/// default), so any long random string works. A stored value reads `tollgate:aesgcm:v1:<base64 of nonce,
/// ciphertext and tag>`; the version lets a later key or algorithm change re-encrypt old rows.
public struct CredentialCipher: Sendable {
    public static let prefix = "tollgate:aesgcm:v1:"
    /// Shorter secrets are refused at startup: the key must not be guessable.
    public static let minimumSecretLength = 32

    /// The key's bytes (`SymmetricKey` is not `Sendable`; one is made per operation, which is cheap).
    private let keyBytes: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// - Throws: ``ConfigError`` when the secret is shorter than ``minimumSecretLength``.
    public init(secret: String, variable: String) throws {
        guard secret.count >= Self.minimumSecretLength else {
            throw ConfigError(
                "the environment variable \(variable) must hold at least \(Self.minimumSecretLength) characters "
                    + "(e.g. `openssl rand -base64 32`)")
        }
        keyBytes = Array(SHA256.hash(data: Array(secret.utf8)))
    }

    public static func isEncrypted(_ value: String) -> Bool { value.hasPrefix(prefix) }

    public func encrypt(_ plaintext: String) throws -> String {
        let sealed = try AES.GCM.seal(Array(plaintext.utf8), using: key)
        guard let combined = sealed.combined else { throw CipherError.sealFailed }
        return Self.prefix + combined.base64EncodedString()
    }

    /// - Throws: ``CipherError`` for a value this key did not encrypt (another key, or tampered with).
    public func decrypt(_ stored: String) throws -> String {
        guard Self.isEncrypted(stored), let data = Data(base64Encoded: String(stored.dropFirst(Self.prefix.count))) else {
            throw CipherError.notEncrypted
        }
        do {
            let opened = try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key)
            return String(decoding: opened, as: UTF8.self)
        } catch {
            throw CipherError.wrongKey
        }
    }

    public enum CipherError: Error, CustomStringConvertible {
        case sealFailed, notEncrypted, wrongKey

        public var description: String {
            switch self {
            case .sealFailed: "the value could not be encrypted"
            case .notEncrypted: "the stored value is not in the encrypted format"
            case .wrongKey: "the stored value cannot be decrypted with this encryption key (was the key changed?)"
            }
        }
    }
}
