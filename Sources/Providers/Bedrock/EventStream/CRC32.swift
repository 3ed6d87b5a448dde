/// CRC-32 (IEEE 802.3: polynomial 0xEDB88320 reflected, initial and final XOR 0xFFFFFFFF), table-driven.
///
/// AWS's event stream checks its prelude and each message with this CRC. None of the package's dependencies exposes
/// one: swift-crypto has hashes and MACs only, swift-nio's CRC lives in its compression code (not public API), and
/// Foundation on Linux does not re-export zlib's `crc32`. Linking zlib for 30 lines is not worth a system-library
/// target, so here it is, checked against the standard check value ("123456789" → 0xCBF43926).
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    /// The CRC of `bytes`.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 { update(0, with: bytes) }

    /// Continues `crc` (a previous ``checksum(_:)`` or ``update(_:with:)``, 0 to start) over more bytes.
    public static func update(_ crc: UInt32, with bytes: some Sequence<UInt8>) -> UInt32 {
        var value = ~crc
        for byte in bytes { value = table[Int((value ^ UInt32(byte)) & 0xFF)] ^ (value >> 8) }
        return ~value
    }
}
