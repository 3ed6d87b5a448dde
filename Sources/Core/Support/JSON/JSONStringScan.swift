/// Finds where a JSON string's plain run ends: the first byte that is a quote, a backslash or a control character.
///
/// The parser and the validator read every string of every body, and most bytes of a chat body are string contents:
/// the scan tests eight bytes at a time (a word with no such byte is skipped whole), then finds the byte in the word.
enum JSONStringScan {
    /// The index of the first quote, backslash or byte below 0x20 at or after `start`; `bytes.count` when none is.
    static func plainRunEnd(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while bytes.count - index >= 8 {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            guard !mayStop(word) else { break }
            index += 8
        }
        while index < bytes.count, !stops(bytes[index]) { index += 1 }
        return index
    }

    static func plainRunEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        plainRunEnd(in: UnsafeRawBufferPointer(bytes), from: start)
    }

    private static func stops(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether the word may hold a stopping byte: exact when it does not (no byte of it is then a quote, a backslash
    /// or below 0x20); a borrow can flag a word that does not, which the byte loop then reads.
    private static func mayStop(_ word: UInt64) -> Bool {
        hasByteBelow(0x20, in: word) || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
    }

    private static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- ones) & ~word & highBits != 0
    }

    private static func hasByteBelow(_ limit: UInt64, in word: UInt64) -> Bool {
        (word &- ones &* limit) & ~word & highBits != 0
    }
}
