import Crypto

/// Hashing and comparison of secrets (API keys), shared by every auth plugin.
public enum Secrets {
    /// The lowercase hex SHA-256 of a key: what stores keep instead of the key.
    public static func sha256Hex(_ secret: String) -> String {
        SHA256.hash(data: Array(secret.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The hash a management request names a key by: a plain key (`sk-...`) is hashed; anything else is taken as
    /// the hash itself (LiteLLM accepts both the key and its `token`).
    public static func keyHash(ofKeyOrToken value: String) -> String {
        value.hasPrefix("sk-") ? sha256Hex(value) : value.lowercased()
    }

    /// Compares two secrets in time that depends on neither their contents nor their lengths: both are hashed
    /// to 32 bytes first, then every byte is compared.
    public static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(SHA256.hash(data: Array(lhs.utf8)))
        let right = Array(SHA256.hash(data: Array(rhs.utf8)))
        var difference: UInt8 = 0
        for index in 0..<left.count { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
