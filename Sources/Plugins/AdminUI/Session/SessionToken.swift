/// Unguessable tokens for session ids and CSRF tokens, and their constant-time comparison.
enum SessionToken {
    /// 32 random bytes from the system's cryptographic generator, as 64 lowercase hex digits.
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        text.reserveCapacity(64)
        for _ in 0..<4 {
            let word = generator.next() as UInt64
            let hex = String(word, radix: 16)
            text += String(repeating: "0", count: 16 - hex.count) + hex
        }
        return text
    }

    /// Whether two tokens are equal, in time that depends on their lengths only (a token guessed byte by byte
    /// learns nothing from the timing).
    static func matches(_ given: String?, _ expected: String) -> Bool {
        guard let given else { return false }
        let left = Array(given.utf8), right = Array(expected.utf8)
        guard left.count == right.count, !right.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in 0..<left.count { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
