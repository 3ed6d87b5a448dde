import Foundation
import Testing

@testable import GatewayCore

struct JSONValueDecoderTests {
    enum Tier: String, Codable, Equatable { case free, pro }

    struct Item: Codable, Equatable {
        var count: Int
        var label: String?
    }

    struct Inner: Codable, Equatable {
        var list: [Item]
        var tags: [String: Int]
        var tier: Tier
    }

    struct Outer: Codable, Equatable {
        var outer: Inner
        var ratio: Double
        var small: Int8
        var flag: Bool?
        var extra: JSON?
        var matrix: [[UInt16]]
    }

    static let outer: JSON = [
        "outer": ["list": [["count": 1, "label": "a"], ["count": 2.0, "label": nil], ["count": 3]], "tags": ["x": 1, "y": -2], "tier": "pro"],
        "ratio": 2, "small": -128, "extra": ["n": 3.0, "a": [1, nil]], "matrix": [[1, 2], [], [65535]],
    ]

    /// Decodes `json` as `T`, requiring a `DecodingError`.
    private func error<T: Decodable>(_ type: T.Type, from json: JSON) throws -> DecodingError {
        try #require(throws: DecodingError.self) { try json.decode(type) }
    }

    private func path(_ context: DecodingError.Context) -> [String] { context.codingPath.map(\.stringValue) }

    // MARK: Values

    @Test func decodesNestedTypesOptionalsArraysDictionariesAndEnums() throws {
        let value = try Self.outer.decode(Outer.self)
        let expected = Outer(
            outer: Inner(
                list: [Item(count: 1, label: "a"), Item(count: 2, label: nil), Item(count: 3, label: nil)], tags: ["x": 1, "y": -2], tier: .pro),
            ratio: 2, small: -128, flag: nil, extra: ["n": 3.0, "a": [1, nil]], matrix: [[1, 2], [], [65535]])
        #expect(value == expected)
        // A JSON property keeps its value exactly: 3.0 stays a double.
        #expect(value.extra?["n"] == .double(3.0))
    }

    @Test func missingAndNullAreNilForOptionals() throws {
        #expect(try (["count": 1] as JSON).decode(Item?.self) == Item(count: 1, label: nil))
        #expect(try JSON.null.decode(Item?.self) == nil)
        #expect(try JSON.null.decode(JSON?.self) == nil)
        #expect(try (["count": 1] as JSON).decode(Item.self) == Item(count: 1, label: nil))
        #expect(try (["count": 1, "label": nil] as JSON).decode(Item.self) == Item(count: 1, label: nil))
        #expect(try ([1, nil, 3] as JSON).decode([Int?].self) == [1, nil, 3])
        let withNull = try (["a": nil] as JSON).decode([String: Int?].self)
        #expect(withNull.count == 1 && withNull["a"] == .some(nil))
    }

    @Test func numbersConvertWhenExact() throws {
        #expect(try JSON.double(3.0).decode(Int.self) == 3)
        #expect(try JSON.double(-0.0).decode(Int.self) == 0)
        #expect(try JSON.int(7).decode(Double.self) == 7.0)
        #expect(try JSON.int(7).decode(Float.self) == 7.0)
        #expect(try JSON.double(0.5).decode(Float.self) == 0.5)
        #expect(try JSON.int(Int.max).decode(Int.self) == Int.max)
        #expect(try JSON.int(Int.min).decode(Int64.self) == Int64.min)
        #expect(try JSON.int(Int.max).decode(UInt64.self) == UInt64(Int.max))
        #expect(try JSON.double(9_223_372_036_854_775_808.0).decode(UInt64.self) == 1 << 63)
        #expect(try JSON.int(255).decode(UInt8.self) == 255)
        #expect(try JSON.int(-32768).decode(Int16.self) == Int16.min)
        #expect(try JSON.double(4_294_967_295.0).decode(UInt32.self) == UInt32.max)
        #expect(try JSON.int(0).decode(UInt.self) == 0)
    }

    @Test func foundationTypesDecodeAsJSONDecoderDoes() throws {
        #expect(try JSON.string("https://example.com/v1").decode(URL.self) == URL(string: "https://example.com/v1"))
        #expect(try JSON.string("aGk=").decode(Data.self) == Data("hi".utf8))
        #expect(try JSON.double(0.1).decode(Decimal.self) == Decimal(string: "0.1"))
        #expect(try JSON.int(12).decode(Decimal.self) == 12)
        #expect(try JSON.double(1.5).decode(Date.self) == Date(timeIntervalSinceReferenceDate: 1.5))
        let error = try error(Data.self, from: "%%")
        guard case .dataCorrupted = error else {
            Issue.record("\(error)")
            return
        }
    }

    /// Found by the JSON fuzzer: `Decimal(Double.infinity)` traps, and the parser reads `1e999` as infinity.
    @Test(arguments: [Double.infinity, -.infinity, .nan])
    func nonFiniteNumberForDecimalIsDataCorrupted(_ number: Double) throws {
        let error = try error([String: Decimal].self, from: ["price": .double(number)])
        guard case .dataCorrupted(let context) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(path(context) == ["price"])
    }

    @Test func jsonRoundTripsUnchanged() throws {
        let value: JSON = [
            "null": nil, "bool": [true, false], "int": [0, -1, .int(Int.max), .int(Int.min)], "double": [3.0, -2.75, 1e300, 5e-324],
            "string": "héllo \"quoted\"", "nested": ["a": [[:], [], ["b": nil]]],
        ]
        #expect(try value.decode(JSON.self) == value)
        #expect(try value.decode([String: JSON].self) == value.objectValue)
        // Through JSON's own init(from:) too.
        #expect(try JSON(from: JSONValueDecoder(value)) == value)
        #expect(try JSON.double(3.0).decode(JSON.self) == .double(3.0))
    }

    @Test func superDecoderAndNestedContainers() throws {
        struct Custom: Decodable, Equatable {
            var first: Int
            var second: String
            var base: Int?
            enum Keys: String, CodingKey { case pair, base, inner }
            enum InnerKeys: String, CodingKey { case value }
            init(first: Int, second: String, base: Int?) {
                (self.first, self.second, self.base) = (first, second, base)
            }
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Keys.self)
                var pair = try container.nestedUnkeyedContainer(forKey: .pair)
                first = try pair.nestedContainer(keyedBy: InnerKeys.self).decode(Int.self, forKey: .value)
                second = try pair.decode(String.self)
                #expect(pair.isAtEnd)
                #expect(try pair.decodeNil())
                base = try Int?(from: container.superDecoder(forKey: .base))
                #expect(try container.superDecoder().singleValueContainer().decodeNil())
            }
        }
        #expect(try (["pair": [["value": 1], "two"], "base": 5] as JSON).decode(Custom.self) == Custom(first: 1, second: "two", base: 5))
        #expect(try (["pair": [["value": 1], "two"]] as JSON).decode(Custom.self) == Custom(first: 1, second: "two", base: nil))

        let error = try error(Custom.self, from: ["pair": [["value": "x"], "two"]])
        guard case .typeMismatch(_, let context) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(path(context) == ["pair", "0", "value"])
        #expect(context.codingPath[1].intValue == 0)
    }

    @Test func aFailedUnkeyedDecodeDoesNotAdvance() throws {
        struct Loose: Decodable, Equatable {
            var values: [String] = []
            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                while !container.isAtEnd {
                    if let int = try? container.decode(Int.self) {
                        values.append("int \(int)")
                    } else {
                        values.append(try container.decode(String.self))
                    }
                }
            }
        }
        #expect(try ([1, "a", 2.0] as JSON).decode(Loose.self).values == ["int 1", "a", "int 2"])
    }

    // MARK: Errors

    @Test func typeMismatchNamesTheFullPath() throws {
        var json = Self.outer
        json["outer"]?["list"] = [["count": 1], ["count": "x"]]
        let error = try error(Outer.self, from: json)
        guard case .typeMismatch(let type, let context) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(ObjectIdentifier(type) == ObjectIdentifier(Int.self))
        #expect(path(context) == ["outer", "list", "1", "count"])
        #expect(context.debugDescription == "expected Int, got string")
    }

    @Test func fractionalNumberForAnIntegerIsATypeMismatch() throws {
        var json = Self.outer
        json["outer"]?["list"] = [["count": 1], ["count": 2.5]]
        let error = try error(Outer.self, from: json)
        guard case .typeMismatch(_, let context) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(path(context) == ["outer", "list", "1", "count"])
        #expect(context.debugDescription == "expected Int, got 2.5")
    }

    @Test(arguments: [JSON.double(1e30), .double(-1e30), .double(9_223_372_036_854_775_808.0), .double(1.8446744073709552e19)])
    func integralNumberOutOfRangeIsDataCorrupted(_ value: JSON) throws {
        let error = try error(Item.self, from: ["count": value])
        guard case .dataCorrupted(let context) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(path(context) == ["count"])
        #expect(context.debugDescription.hasSuffix("does not fit in Int"))
    }

    @Test func everyIntegerWidthChecksItsRange() throws {
        func outOfRange<T: Decodable>(_ type: T.Type, _ value: JSON) throws {
            let error = try error([T].self, from: [value])
            guard case .dataCorrupted(let context) = error else {
                Issue.record("\(T.self): \(error)")
                return
            }
            #expect(path(context) == ["0"])
        }
        try outOfRange(Int8.self, 128)
        try outOfRange(Int16.self, -32769)
        try outOfRange(Int32.self, .int(Int(Int32.max) + 1))
        try outOfRange(Int64.self, .double(1e19))
        try outOfRange(UInt.self, -1)
        try outOfRange(UInt8.self, 256)
        try outOfRange(UInt16.self, -1.0)
        try outOfRange(UInt32.self, .int(Int(UInt32.max) + 1))
        try outOfRange(UInt64.self, -1)
        try outOfRange(UInt64.self, .double(1.8446744073709552e19))
        try outOfRange(Float.self, .double(1e300))
    }

    @Test func keyNotFoundHasTheContainerPath() throws {
        var json = Self.outer
        json["outer"]?["list"] = [["count": 1], ["label": "x"]]
        let error = try error(Outer.self, from: json)
        guard case .keyNotFound(let key, let context) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(key.stringValue == "count")
        #expect(path(context) == ["outer", "list", "1"])
    }

    @Test func nullForARequiredValueIsValueNotFound() throws {
        var json = Self.outer
        json["outer"]?["tier"] = .null
        let error = try error(Outer.self, from: json)
        guard case .valueNotFound(let type, let context) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(ObjectIdentifier(type) == ObjectIdentifier(String.self))
        #expect(path(context) == ["outer", "tier"])
        #expect(context.debugDescription == "expected String, got null")

        let nested = try self.error(Outer.self, from: ["outer": nil])
        guard case .valueNotFound(_, let nestedContext) = nested else {
            Issue.record("\(nested)")
            return
        }
        #expect(path(nestedContext) == ["outer"])
    }

    @Test func wrongContainerKindsAreTypeMismatches() throws {
        let object = try error(Item.self, from: [1])
        guard case .typeMismatch(_, let objectContext) = object else {
            Issue.record("\(object)")
            return
        }
        #expect(objectContext.codingPath.isEmpty)
        #expect(objectContext.debugDescription == "expected an object, got array")

        let array = try error(Inner.self, from: ["list": ["count": 1], "tags": [:], "tier": "free"])
        guard case .typeMismatch(_, let arrayContext) = array else {
            Issue.record("\(array)")
            return
        }
        #expect(path(arrayContext) == ["list"])
        #expect(arrayContext.debugDescription == "expected an array, got object")

        let bool = try error(Bool.self, from: 1)
        guard case .typeMismatch(_, let boolContext) = bool else {
            Issue.record("\(bool)")
            return
        }
        #expect(boolContext.debugDescription == "expected Bool, got number")
    }

    @Test func unknownEnumCaseIsDataCorrupted() throws {
        let error = try error(Inner.self, from: ["list": [], "tags": [:], "tier": "gold"])
        guard case .dataCorrupted(let context) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(path(context) == ["tier"])
    }

    @Test func readingPastTheEndOfAnArrayIsValueNotFound() throws {
        struct Pair: Decodable {
            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                _ = try container.decode(Int.self)
                _ = try container.decode(Int.self)
            }
        }
        let end = try self.error(Pair.self, from: [1])
        guard case .valueNotFound(_, let context) = end else {
            Issue.record("\(end)")
            return
        }
        #expect(path(context) == ["1"])
    }
}
