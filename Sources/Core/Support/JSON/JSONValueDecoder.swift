import Foundation

/// A `Decoder` that reads a `Decodable` value straight out of a ``JSON`` value, without writing and re-parsing JSON text.
///
/// Written rather than using `JSONDecoder` because on Linux `JSONDecoder` reports a number that does not fit the requested type
/// (`2.5` or `1e30` for an `Int`) as corrupt data with an empty coding path, so a plugin config error could not name the key.
/// Here every error carries the coding path of the bad value:
/// - `typeMismatch`: wrong JSON type, or a fractional number for an integer ("expected Int, got 2.5").
/// - `valueNotFound`: `null` where a value is required.
/// - `keyNotFound`: a required key is missing.
/// - `dataCorrupted`: an integral number out of range for the integer type ("1e+30 does not fit in Int").
///
/// A whole-valued double (`3.0`) decodes as an integer; an integer decodes as `Double` or `Float`. `decodeNil` is true for a
/// missing key (and past the end of an array) as well as for `null`. `URL`, `Data` (base64) and `Decimal` decode as
/// `JSONDecoder` decodes them by default. A ``JSON`` property is returned as is, so no value changes kind.
struct JSONValueDecoder: Decoder, SingleValueDecodingContainer {
    let value: JSON
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ value: JSON, codingPath: [any CodingKey] = []) {
        self.value = value
        self.codingPath = codingPath
    }

    // MARK: Decoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch([String: Any].self, expected: "an object") }
        return KeyedDecodingContainer(KeyedContainer(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch([Any].self, expected: "an array") }
        return UnkeyedContainer(elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    // MARK: SingleValueDecodingContainer

    func decodeNil() -> Bool { value.isNull }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let bool) = value else { throw mismatch(type) }
        return bool
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let string) = value else { throw mismatch(type) }
        return string
    }

    func decode(_ type: Double.Type) throws -> Double {
        switch value {
        case .int(let int): return Double(int)
        case .double(let double): return double
        default: throw mismatch(type)
        }
    }

    func decode(_ type: Float.Type) throws -> Float {
        switch value {
        case .int(let int): return Float(int)
        case .double(let double):
            let float = Float(double)
            if float.isInfinite && double.isFinite { throw outOfRange(type, number: "\(double)") }
            return float
        default: throw mismatch(type)
        }
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        // A JSON value is already what was asked for; going through `JSON.init(from:)` would turn 3.0 into 3.
        if T.self == JSON.self { return value as! T }
        // The types JSONDecoder decodes specially by default; their own `init(from:)` expects another shape.
        if T.self == URL.self {
            guard let url = URL(string: try decode(String.self)) else { throw corrupted("invalid URL string") }
            return url as! T
        }
        if T.self == Data.self {
            guard let data = Data(base64Encoded: try decode(String.self)) else { throw corrupted("invalid base64 string") }
            return data as! T
        }
        if T.self == Decimal.self {
            switch value {
            case .int(let int): return Decimal(int) as! T
            // Through the shortest decimal text, so 0.1 is 0.1 and not 0.1000000000000000055…
            case .double(let double):
                // `Decimal(Double.infinity)` traps, and the parser reads `1e999` as infinity.
                guard double.isFinite else { throw outOfRange(type, number: "\(double)") }
                return (Decimal(string: "\(double)") ?? Decimal(double)) as! T
            default: throw mismatch(type)
            }
        }
        return try T(from: self)
    }

    // MARK: Conversions and errors

    /// An integer of type `T`, also from a whole-valued double; never traps.
    private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        switch value {
        case .int(let int):
            guard let result = T(exactly: int) else { throw outOfRange(type, number: "\(int)") }
            return result
        case .double(let double):
            if let result = T(exactly: double) { return result }
            guard double.isFinite, double.rounded(.towardZero) == double else {
                throw DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected \(type), got \(double)"))
            }
            throw outOfRange(type, number: "\(double)")
        default:
            throw mismatch(type)
        }
    }

    /// `valueNotFound` for null, else `typeMismatch`, naming what was expected and the JSON type found.
    private func mismatch(_ type: Any.Type, expected: String? = nil) -> DecodingError {
        let description = "expected \(expected ?? "\(type)"), got \(value.typeName)"
        if value.isNull { return .valueNotFound(type, .init(codingPath: codingPath, debugDescription: description)) }
        return .typeMismatch(type, .init(codingPath: codingPath, debugDescription: description))
    }

    private func outOfRange(_ type: Any.Type, number: String) -> DecodingError {
        corrupted("\(number) does not fit in \(type)")
    }

    private func corrupted(_ description: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: description))
    }
}

extension JSONValueDecoder {
    /// A coding path component for an array index or a `super` key.
    fileprivate struct PathKey: CodingKey {
        let stringValue: String
        let intValue: Int?

        init(stringValue: String) {
            self.stringValue = stringValue
            self.intValue = nil
        }

        init(intValue: Int) {
            self.stringValue = "\(intValue)"
            self.intValue = intValue
        }
    }

    fileprivate struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let members: [String: JSON]
        let codingPath: [any CodingKey]

        var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

        /// True for a missing key as well as for null, so that optional properties may be left out.
        func decodeNil(forKey key: Key) -> Bool { members[key.stringValue]?.isNull ?? true }

        private func child(_ key: Key) throws -> JSONValueDecoder {
            guard let value = members[key.stringValue] else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no value for key '\(key.stringValue)'"))
            }
            return JSONValueDecoder(value, codingPath: codingPath + [key])
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).decode(type) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).decode(type) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).decode(type) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try child(key).decode(type) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).decode(type) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).decode(type) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).decode(type) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).decode(type) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).decode(type) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).decode(type) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).decode(type) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key).decode(type) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key).decode(type) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key).decode(type) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).decode(type) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try child(key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try child(key).unkeyedContainer()
        }

        // As JSONDecoder: a missing key gives a decoder of null rather than an error.
        func superDecoder() throws -> any Decoder {
            JSONValueDecoder(members["super"] ?? .null, codingPath: codingPath + [PathKey(stringValue: "super")])
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            JSONValueDecoder(members[key.stringValue] ?? .null, codingPath: codingPath + [key])
        }
    }

    fileprivate struct UnkeyedContainer: UnkeyedDecodingContainer {
        let elements: [JSON]
        let codingPath: [any CodingKey]
        private(set) var currentIndex = 0

        init(elements: [JSON], codingPath: [any CodingKey]) {
            self.elements = elements
            self.codingPath = codingPath
        }

        var count: Int? { elements.count }
        var isAtEnd: Bool { currentIndex >= elements.count }

        /// True, and advances, for null; true without advancing past the end (a missing element).
        mutating func decodeNil() -> Bool {
            guard !isAtEnd else { return true }
            guard elements[currentIndex].isNull else { return false }
            currentIndex += 1
            return true
        }

        /// Decodes the current element and advances; a failed decode does not advance, as in JSONDecoder.
        private mutating func next<T>(_ type: Any.Type, _ body: (JSONValueDecoder) throws -> T) throws -> T {
            let path = codingPath + [PathKey(intValue: currentIndex)]
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(type, .init(codingPath: path, debugDescription: "expected \(type), got the end of the array"))
            }
            let result = try body(JSONValueDecoder(elements[currentIndex], codingPath: path))
            currentIndex += 1
            return result
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type) { try $0.decode(type) } }
        mutating func decode(_ type: String.Type) throws -> String { try next(type) { try $0.decode(type) } }
        mutating func decode(_ type: Double.Type) throws -> Double { try next(type) { try $0.decode(type) } }
        mutating func decode(_ type: Float.Type) throws -> Float { try next(type) { try $0.decode(type) } }
        mutating func decode(_ type: Int.Type) throws -> Int { try next(type) { try $0.decode(type) } }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(type) { try $0.decode(type) } }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(type) { try $0.decode(type) } }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(type) { try $0.decode(type) } }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(type) { try $0.decode(type) } }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try next(type) { try $0.decode(type) } }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(type) { try $0.decode(type) } }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(type) { try $0.decode(type) } }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(type) { try $0.decode(type) } }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(type) { try $0.decode(type) } }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(type) { try $0.decode(type) } }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next([String: Any].self) { try $0.container(keyedBy: type) }
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try next([Any].self) { try $0.unkeyedContainer() }
        }

        mutating func superDecoder() throws -> any Decoder {
            try next((any Decoder).self) { $0 }
        }
    }
}
