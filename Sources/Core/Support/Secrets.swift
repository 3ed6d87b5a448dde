import Crypto

/// Hashing and comparison of secrets (API keys), shared by every auth plugin.
public enum Secrets {
    /// The lowercase hex SHA-256 of a key: what stores keep instead of the key.
    public static func sha256Hex(_ secret: String) -> String {
        let digest = sha256(secret)
        return String(unsafeUninitializedCapacity: 2 * SHA256.byteCount) { text in
            for (index, byte) in digest.enumerated() {
                text[2 * index] = hexDigits[Int(byte >> 4)]
                text[2 * index + 1] = hexDigits[Int(byte & 0x0F)]
            }
            return 2 * SHA256.byteCount
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func sha256(_ secret: String) -> SHA256.Digest {
        var hasher = SHA256()
        var secret = secret
        secret.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return hasher.finalize()
    }

    /// The hash a management request names a key by: a plain key (`sk-...`) is hashed; anything else is taken as
    /// the hash itself (LiteLLM accepts both the key and its `token`).
    public static func keyHash(ofKeyOrToken value: String) -> String {
        value.hasPrefix("sk-") ? sha256Hex(value) : value.lowercased()
    }

    /// Compares two secrets in time that depends on neither their contents nor their lengths: both are hashed
    /// to 32 bytes first, then every byte is compared.
    public static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        constantTimeEquals(lhs, ExpectedSecret(rhs))
    }

    /// ``constantTimeEquals(_:_:)`` against a secret hashed once (the master key, compared on every request).
    public static func constantTimeEquals(_ secret: String, _ expected: ExpectedSecret) -> Bool {
        var difference: UInt8 = 0
        for (actual, wanted) in zip(sha256(secret), expected.digest) { difference |= actual ^ wanted }
        return difference == 0
    }

    /// A secret kept as its SHA-256, to be compared with ``constantTimeEquals(_:_:)-(String,ExpectedSecret)``.
    public struct ExpectedSecret: Sendable {
        let digest: SHA256.Digest

        public init(_ secret: String) {
            digest = Secrets.sha256(secret)
        }
    }
}
