import Foundation

extension JSON: Codable {
    public init(from decoder: any Decoder) throws {
        // Already a JSON value: take it as is (trying Int first would turn 3.0 into 3).
        if let decoder = decoder as? JSONValueDecoder {
            self = decoder.value
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSON].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Decodes a `Decodable` type directly from this value, with no JSON text in between.
    ///
    /// A whole-valued double (`3.0`) decodes as an integer and an integer as a `Double`; `URL`, `Data` (base64) and `Decimal`
    /// decode as `JSONDecoder` decodes them by default.
    /// - Parameter type: the type to decode.
    /// - Returns: the decoded value.
    /// - Throws: `DecodingError` whose coding path names the bad field: `typeMismatch` for a wrong type or a fractional number
    ///   for an integer, `valueNotFound` for null, `keyNotFound` for a missing key, `dataCorrupted` for a number out of range.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONValueDecoder(self).decode(type)
    }

    /// The JSON value of an `Encodable` value.
    public init(encoding value: some Encodable) throws {
        let data = try JSONEncoder().encode(value)
        self = try JSONParser.parse(data)
    }
}
