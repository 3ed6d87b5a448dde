import Foundation
import GatewayCore

/// New key secrets and LiteLLM's duration strings.
enum KeyGenerator {
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// A new key: `sk-` and 43 base62 characters (about 256 bits) from `SystemRandomNumberGenerator`, which reads
    /// the operating system's cryptographically secure source (`getrandom` on Linux).
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        // `Int.random(in:using:)` draws uniformly (no modulo bias), so every character carries log2(62) bits.
        let characters = (0..<43).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return "sk-" + String(decoding: characters, as: UTF8.self)
    }

    /// `sk-...abcd`: enough for a person to recognise the key, never enough to use it.
    static func displayName(of secret: String) -> String { "sk-..." + secret.suffix(4) }

    /// The hash a management request names a key by: a plain key (`sk-...`) is hashed; anything else is taken as
    /// the hash (LiteLLM accepts both the key and its `token`).
    static func hash(ofKeyOrToken value: String) -> String {
        value.hasPrefix("sk-") ? Secrets.sha256Hex(value) : value.lowercased()
    }

    /// Seconds in a LiteLLM duration string: `30s`, `15m`, `1h`, `30d`, `2w`, `1mo` (30 days).
    /// - Returns: nil when the string is not a duration.
    static func seconds(in duration: String) -> Double? {
        let text = duration.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(suffix: String, seconds: Double)] = [("mo", 2_592_000), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400), ("w", 604_800)]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let count = Int(text.dropLast(unit.suffix.count)), count > 0 else { return nil }
            return Double(count) * unit.seconds
        }
        return nil
    }
}
