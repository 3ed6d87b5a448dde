import Foundation

// The JSON parser (every request body, upstream answer and stream chunk), its serializer, the decoder that reads
// management bodies and plugin configs out of a parsed value, and the validator that checks relayed stream events.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = FuzzInput(start, count)
    let parsed = Result { () throws(JSONParseError) in try JSONParser.parse(input.bytes) }
    // Every entry point gives the same answer for the same bytes.
    let fromArray = Result { () throws(JSONParseError) in try JSONParser.parse(Array(input.bytes)) }
    require(same(parsed, fromArray), "parse(UnsafeRawBufferPointer) and parse([UInt8]) disagree")
    if let text = String(validating: input.bytes, as: UTF8.self) {
        let fromString = Result { () throws(JSONParseError) in try JSONParser.parse(text) }
        require(same(parsed, fromString), "parse(String) and parse(bytes) disagree")
    }
    // The validator that stands in for the parser on relayed stream events accepts exactly the objects it parses.
    var isObject = false
    if case .success(.object) = parsed { isObject = true }
    require(JSONValidator.isObject(input.bytes) == isObject, "JSONValidator and JSONParser disagree on whether this is an object")
    // The parse that also places a top-level member (the model splice) reads the same value, and the place it gives
    // holds that member's value.
    let placing = Result { () throws(JSONParseError) in try JSONParser.parse(input.bytes, placing: "model") }
    require(same(parsed, placing.map(\.value)), "parse(_:placing:) and parse(_:) disagree")
    if case .success(let (placedValue, place?)) = placing {
        let member = try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: input.bytes[place]))
        require(member != nil && member == placedValue["model"], "the place of the top-level model does not hold its value")
    }
    guard case .success(let value) = parsed else { return 0 }

    // Serializing and parsing again gives the same value (JSON has no infinity: the serializer writes null).
    let bytes = value.serializedBytes()
    require(String(validating: bytes, as: UTF8.self) != nil, "the serializer wrote invalid UTF-8")
    do {
        let again = try JSONParser.parse(bytes)
        require(again == value.finite, "parse → serialize → parse changed the value: \(value) became \(again)")
    } catch {
        fatalError("the serializer wrote text the parser rejects (\(error)): \(String(decoding: bytes, as: UTF8.self))")
    }

    // Decoding never traps, and an integer or a double decoded is the number that was there.
    var budget = 64
    probeDecoding(value, budget: &budget)
    return 0
}

private func same(_ first: Result<JSON, JSONParseError>, _ second: Result<JSON, JSONParseError>) -> Bool {
    switch (first, second) {
    case (.success(let a), .success(let b)): return a == b
    case (.failure(let a), .failure(let b)): return a.description == b.description
    default: return false
    }
}

/// Decodes `value`, then its first elements and members, as each scalar type ``JSONValueDecoder`` handles.
private func probeDecoding(_ value: JSON, budget: inout Int) {
    guard budget > 0 else { return }
    budget -= 1
    require((try? value.decode(JSON.self)) == value, "decoding a JSON value as JSON changed it")
    probeInteger(value, as: Int.self)
    probeInteger(value, as: Int8.self)
    probeInteger(value, as: Int32.self)
    probeInteger(value, as: UInt.self)
    probeInteger(value, as: UInt16.self)
    probeInteger(value, as: UInt64.self)
    if let double = try? value.decode(Double.self) { require(double == value.doubleValue, "Double decoded as \(double) from \(value)") }
    if let float = try? value.decode(Float.self), let double = value.doubleValue {
        require(float.isFinite == double.isFinite, "Float decoded as \(float) from \(value)")
    }
    _ = try? value.decode(Decimal.self)
    _ = try? value.decode(URL.self)
    _ = try? value.decode(Data.self)
    _ = try? value.decode(Bool.self)
    _ = try? value.decode(String.self)
    _ = try? value.decode(Probe.self)
    _ = try? value.decode([Probe].self)
    _ = try? value.decode([String: Probe].self)
    _ = value.intValue
    switch value {
    case .array(let elements): for element in elements.prefix(8) { probeDecoding(element, budget: &budget) }
    case .object(let members): for member in members.values.prefix(8) { probeDecoding(member, budget: &budget) }
    default: break
    }
}

private func probeInteger<T: FixedWidthInteger & Decodable>(_ value: JSON, as type: T.Type) {
    guard let decoded = try? value.decode(type) else { return }
    switch value {
    case .int(let int): require(T(exactly: int) == decoded, "\(type) decoded as \(decoded) from \(int)")
    case .double(let double): require(Double(exactly: decoded) == double, "\(type) decoded as \(decoded) from \(double)")
    default: fatalError("\(type) decoded as \(decoded) from \(value.typeName)")
    }
}

/// A Decodable type with one optional property of each kind, as management bodies and plugin configs have.
private struct Probe: Decodable {
    var a: Int?
    var b: Double?
    var c: String?
    var d: Bool?
    var e: [Int]?
    var f: [String: String]?
    var g: UInt8?
    var h: Float?
    var i: Decimal?
    var j: URL?
    var k: Data?
    var l: JSON?
    var m: [Probe]?
    var n: Int64?
}

extension JSON {
    /// This value with every non-finite double as null, as the serializer writes it.
    fileprivate var finite: JSON {
        switch self {
        case .double(let double) where !double.isFinite: return .null
        case .array(let elements): return .array(elements.map(\.finite))
        case .object(let members): return .object(members.mapValues(\.finite))
        default: return self
        }
    }
}
