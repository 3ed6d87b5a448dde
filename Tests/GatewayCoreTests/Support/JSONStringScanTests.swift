import Testing

@testable import GatewayCore

/// The word-at-a-time scan finds the same byte as reading one byte at a time, wherever the byte falls in a word.
struct JSONStringScanTests {
    static func naiveEnd(_ bytes: [UInt8], from start: Int) -> Int {
        bytes[start...].firstIndex { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 } ?? bytes.count
    }

    static func scanned(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBytes { JSONStringScan.plainRunEnd(in: $0, from: start) }
    }

    @Test("every stopping byte at every offset, among ASCII and UTF-8 bytes")
    func everyOffset() {
        let fillers: [[UInt8]] = [Array("abcdefgh".utf8), Array("é€😀ü".utf8), [0x7F, 0x80, 0xFF, 0x21, 0x5B, 0x5D, 0x23, 0xC0], [0x20, 0x20, 0x20]]
        let stops: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x00, 0x0A, 0x1F]
        for filler in fillers {
            let plain = Array((0..<6).flatMap { _ in filler })
            #expect(Self.scanned(plain, from: 0) == plain.count)
            for stop in stops {
                for position in 0..<min(plain.count, 40) {
                    var bytes = plain
                    bytes[position] = stop
                    for start in 0...position {
                        #expect(Self.scanned(bytes, from: start) == Self.naiveEnd(bytes, from: start), "\(filler) \(stop) \(position) \(start)")
                    }
                }
            }
        }
    }

    @Test("random bytes agree with the byte-at-a-time reading")
    func randomBytes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...48, using: &generator)
            // Mostly bytes that do not stop the scan, so that words are skipped whole.
            let bytes = (0..<count).map { _ in
                Int.random(in: 0..<20, using: &generator) == 0
                    ? UInt8.random(in: 0...0x5C, using: &generator) : UInt8.random(in: 0x5D...0xFF, using: &generator)
            }
            let start = Int.random(in: 0...count, using: &generator)
            #expect(Self.scanned(bytes, from: start) == Self.naiveEnd(bytes, from: start))
        }
    }

    @Test("strings with escapes and long plain runs parse to their text")
    func parsesAround() throws {
        let long = String(repeating: "plain text é 😀 ", count: 20)
        let text = #"{"a":"\#(long)\n\"quoted\"\t\u00e9\#(long)","b":"\#(long)"}"#
        let parsed = try JSONParser.parse(text)
        #expect(parsed["a"] == .string(long + "\n\"quoted\"\té" + long))
        #expect(parsed["b"] == .string(long))
        #expect(throws: JSONParseError.self) { try JSONParser.parse("{\"a\":\"\(long)\u{01}\"}") }
    }
}
