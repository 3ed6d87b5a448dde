import Foundation
import NIOCore
import Testing

@testable import GatewayCore

struct JSONParserTests {
    // MARK: Values

    @Test func parsesEveryValueKind() throws {
        let text = #"{"n": null, "t": true, "f": false, "i": 42, "neg": -7, "d": 1.5, "e": 2.5e3, "s": "hi", "a": [1, 2.5, "x", []], "o": {"k": {}}}"#
        let expected: JSON = [
            "n": nil, "t": true, "f": false, "i": 42, "neg": -7, "d": 1.5, "e": 2500.0, "s": "hi", "a": [1, 2.5, "x", []], "o": ["k": [:]],
        ]
        #expect(try JSONParser.parse(text) == expected)
    }

    @Test func serializeThenParseIsTheIdentity() throws {
        let value: JSON = [
            "null": nil, "bool": [true, false], "int": [0, -1, .int(Int.max), .int(Int.min)], "double": [0.1, -2.75, 1e300, 5e-324],
            "string": ["", "plain", "quote\" backslash\\ slash/ newline\n tab\t cr\r bell\u{07}", "é 漢字 😀"],
            "nested": [["a": [["b": [nil]]]]], "empty": [[], [:]],
        ]
        let bytes = value.serializedBytes()
        #expect(try JSONParser.parse(bytes) == value)
        #expect(try JSONParser.parse(value.serializedString()) == value)
        #expect(try JSON(parsing: value.serialized()) == value)
    }

    @Test func integersAndDoublesStayApart() throws {
        #expect(try JSONParser.parse("100") == .int(100))
        #expect(try JSONParser.parse("100.0") == .double(100))
        #expect(try JSONParser.parse("1e2") == .double(100))
        #expect(try JSONParser.parse("-0") == .int(0))
        // Past Int's range a number is still a number.
        #expect(try JSONParser.parse("92233720368547758080") == .double(92_233_720_368_547_758_080))
        #expect(JSON.int(100).serializedString() == "100")
        #expect(JSON.double(100).serializedString() == "100.0")
        #expect(JSON.int(100) != JSON.double(100))
        #expect(try JSONParser.parse(#"{"max_tokens":100}"#).serializedString() == #"{"max_tokens":100}"#)
    }

    @Test func nonFiniteDoublesSerializeAsNull() {
        #expect(JSON.double(.nan).serializedString() == "null")
        #expect(JSON.double(.infinity).serializedString() == "null")
    }

    // MARK: Strings

    @Test func decodesEscapes() throws {
        #expect(try JSONParser.parse(#""a\"b\\c\/d\be\ff\ng\rh\ti""#) == .string("a\"b\\c/d\u{08}e\u{0C}f\ng\rh\ti"))
        #expect(try JSONParser.parse(#""\u0041\u00e9\u00E9\u6f22""#) == .string("Aéé漢"))
        #expect(try JSONParser.parse(#""x\u0000y""#) == .string("x\u{0}y"))
    }

    @Test func decodesSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSONParser.parse(#""a\uD834\uDD1Eb""#) == .string("a𝄞b"))
    }

    @Test(arguments: [#""\ud83d""#, #""\ud83dx""#, #""\ud83d\u0041""#, #""\ude00""#, #""\ud83d\n""#])
    func rejectsUnpairedSurrogates(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test(arguments: [#""\u12""#, #""\u12G4""#, #""\x""#, #""abc"#, #""abc\"#])
    func rejectsBrokenStrings(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test(arguments: ["\"a\tb\"", "\"a\nb\"", "\"\\n\u{01}\"", "\"\u{1F}\""])
    func rejectsRawControlCharactersInStrings(_ text: String) throws {
        let error = try #require(throws: JSONParseError.self) { try JSONParser.parse(text) }
        #expect(error.reason.contains("control character"))
    }

    @Test func escapesStringsOnOutput() {
        let string: JSON = .string("q\" b\\ n\n r\r t\t nul\u{0} us\u{1F} é / 😀")
        #expect(string.serializedString() == #""q\" b\\ n\n r\r t\t nul\u0000 us\u001f é / 😀""#)
        #expect(JSON.object(["k\"ey": "v"]).serializedString() == #"{"k\"ey":"v"}"#)
    }

    // MARK: Errors

    @Test func reportsLineAndColumnOfTheProblem() throws {
        let error = try #require(throws: JSONParseError.self) { try JSONParser.parse("{\n  \"a\": ,}") }
        #expect(error.line == 2)
        #expect(error.column == 8)
        #expect(error.description.contains("line 2, column 8"))

        let later = try #require(throws: JSONParseError.self) { try JSONParser.parse("[1,\n2,\n\n  tru]") }
        #expect(later.line == 4)
        #expect(later.column == 3)
    }

    @Test(arguments: [
        "", "   ", "{", "[", "[1,]", #"{"a":1,}"#, #"{"a" 1}"#, #"{a:1}"#, "01", "1.", "1e", "-", "+1", ".5", "nul", "True", "[1 2]",
        #"{"a":1} x"#, "NaN",
    ])
    func rejectsInvalidDocuments(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func acceptsSurroundingWhitespace() throws {
        #expect(try JSONParser.parse(" \r\n\t[ 1 , { } ]\n ") == [1, [:]])
    }

    @Test func capsNesting() throws {
        let limit = JSONParser.maximumDepth
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(throws: Never.self) { try JSONParser.parse(deepest) }

        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        let error = try #require(throws: JSONParseError.self) { try JSONParser.parse(tooDeep) }
        #expect(error.reason.contains("nesting"))

        let objects = String(repeating: #"{"a":"#, count: limit + 1) + "1" + String(repeating: "}", count: limit + 1)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(objects) }
        // Hostile depth is rejected, not a stack overflow.
        #expect(throws: JSONParseError.self) { try JSONParser.parse(String(repeating: "[", count: 100_000)) }
    }

    // MARK: Accessors and Codable

    @Test func accessorsReadTheRightKinds() throws {
        let value = try JSONParser.parse(#"{"i": 3, "d": 3.0, "f": 3.5, "s": "x", "b": true, "a": [1], "n": null}"#)
        #expect(value["i"]?.intValue == 3)
        #expect(value["d"]?.intValue == 3)
        #expect(value["f"]?.intValue == nil)
        #expect(value["f"]?.doubleValue == 3.5)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["s"]?.intValue == nil)
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?[0] == 1)
        #expect(value["a"]?[1] == nil)
        #expect(value["n"]?.isNull == true)
        #expect(value["missing"] == nil)
        #expect(value["a"]?.typeName == "array")
    }

    @Test func bridgesToCodable() throws {
        struct Settings: Codable, Equatable {
            var name: String
            var limit: Int
            var ratio: Double
        }
        let json: JSON = ["name": "n", "limit": 3, "ratio": 0.5]
        #expect(try json.decode(Settings.self) == Settings(name: "n", limit: 3, ratio: 0.5))
        #expect(try JSON(encoding: Settings(name: "n", limit: 3, ratio: 0.5)) == json)
        #expect(try JSONDecoder().decode(JSON.self, from: Data(#"{"a":[1,"b",null,true]}"#.utf8)) == ["a": [1, "b", nil, true]])
    }
}
