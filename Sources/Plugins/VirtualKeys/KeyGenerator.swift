import Foundation
import GatewayCore

/// New key secrets.
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

    /// A caller-chosen key for `/key/generate` (to import keys from another gateway): LiteLLM requires the `sk-`
    /// prefix. Its strength is the caller's business, as in LiteLLM; it must not be `sk-` alone or hold whitespace or
    /// a control character such as NUL (a header could not carry it).
    /// - Throws: 400 naming `key`; the message never repeats the value.
    static func validateCustom(_ value: JSON) throws -> String {
        guard let key = value.stringValue, key.hasPrefix("sk-"), key.count > 3, !key.contains(where: \.isWhitespace),
            !key.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw GatewayError.badRequest(
                "Invalid key: a chosen key must be a string starting with 'sk-', without whitespace or control characters.", param: "key")
        }
        return key
    }
}
