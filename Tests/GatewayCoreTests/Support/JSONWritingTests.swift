import Testing

@testable import GatewayCore

/// Numbers written without `String`s in between, and ``JSONObjectWriter``: the same text as before, faster.
struct JSONWritingTests {
    static func written(_ value: JSON) -> String { value.serializedString() }

    @Test("integers: every digit, both signs, both ends of the range")
    func integers() {
        for value in [0, 7, 10, -1, -10, 1_234_567_890, Int.max, Int.min, Int.max - 1, Int.min + 1] {
            #expect(Self.written(.int(value)) == String(value))
        }
    }

    @Test("doubles read as `description` writes them, on the fast path's edges and off it")
    func doublesAsDescription() {
        let edges: [Double] = [
            0, -0.0, 1, -1, 0.5, 0.001, 0.002, 0.01, 0.05, 0.007, 0.1, 0.123, 1.5, 21.925, 100.25, 1e-3 * 7, 3.14159,
            1e-4, 1e-7, 0.0015, 999_999_999_999.999, 1e12, 1e12 + 0.5, 123_456_789_012.5, 1e15, 1e16, 9_007_199_254_740_993,
            Double.ulpOfOne, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1 + 0.2, 2.675, 1.005,
        ]
        var generator = SystemRandomNumberGenerator()
        let thousandths = (0..<2_000).map { _ in Double(Int.random(in: -2_000_000_000...2_000_000_000, using: &generator)) / 1000 }
        let anything = (0..<2_000).map { _ in Double(bitPattern: UInt64.random(in: .min ... .max, using: &generator)) }.filter(\.isFinite)
        for value in edges + edges.map(-) + thousandths + anything {
            #expect(Self.written(.double(value)) == value.description, "\(value.bitPattern)")
        }
    }

    @Test("JSON has no NaN or infinity")
    func notFinite() {
        #expect(Self.written(.double(.nan)) == "null")
        #expect(Self.written(.double(.infinity)) == "null")
        #expect(Self.written(.double(-.infinity)) == "null")
    }

    @Test("an object written member by member, nested and escaped, in the order written")
    func objectWriter() throws {
        var writer = JSONObjectWriter(reservingCapacity: 8)
        writer.write("text", "a \"quoted\"\nline")
        writer.write("missing", String?.none)
        writer.write("count", -12)
        writer.write("ms", 2.5)
        writer.write("flag", true)
        writer.write("value", ["k": [1, nil]] as JSON)
        writer.writeMember(named: "na\"me", "x")
        writer.write("raw", jsonText: #"{"already":"text"}"#.utf8)
        writer.writeObject("nested") { nested in
            nested.write("inner", 1)
            nested.writeObject("empty") { _ in }
        }
        writer.writeObjects("list", [1, 2]) { number, element in element.write("n", number) }
        writer.writeObjects("none", [Int]()) { _, _ in }
        let text = String(decoding: writer.finish(), as: UTF8.self)
        #expect(
            text
                == #"{"text":"a \"quoted\"\nline","missing":null,"count":-12,"ms":2.5,"flag":true,"value":{"k":[1,null]},"na\"me":"x","#
                + #""raw":{"already":"text"},"nested":{"inner":1,"empty":{}},"list":[{"n":1},{"n":2}],"none":[]}"#)
        #expect(try JSONParser.parse(text)["list"]?[1]?["n"] == 2)
        #expect(String(decoding: JSONObjectWriter().finish(), as: UTF8.self) == "{}")
    }
}
