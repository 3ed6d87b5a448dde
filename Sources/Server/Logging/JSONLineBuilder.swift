import Logging

/// Builds one JSON object as UTF-8 bytes, field by field, escaping strings per RFC 8259: `"`, `\` and control
/// characters; everything else (non-ASCII included) is copied as UTF-8.
struct JSONLineBuilder {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var first = true

    init() { bytes.reserveCapacity(512) }

    mutating func field(_ key: String, string value: String) {
        appendKey(key)
        Self.appendString(value, to: &bytes)
    }

    /// Writes `value` under `key`; a dictionary becomes `key.member` fields.
    mutating func flatten(_ key: String, _ value: Logger.Metadata.Value) {
        switch value {
        case .dictionary(let members):
            for member in members.keys.sorted() { flatten(key + "." + member, members[member]!) }
        default:
            appendKey(key)
            Self.append(value, to: &bytes)
        }
    }

    /// The object, closed, with its newline.
    mutating func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    private mutating func appendKey(_ key: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        Self.appendString(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    private static func append(_ value: Logger.Metadata.Value, to bytes: inout [UInt8]) {
        switch value {
        case .string(let text):
            appendString(text, to: &bytes)
        case .stringConvertible(let convertible):
            // Numbers and booleans stay typed so that a log query can compare them (`latency_ms > 500`).
            // Concrete types first: a cast to a concrete type is much cheaper than one to `any BinaryInteger`.
            switch convertible {
            case let number as Int: bytes.append(contentsOf: String(number).utf8)
            case let number as Double where number.isFinite: bytes.append(contentsOf: number.description.utf8)
            case let number as any BinaryInteger: bytes.append(contentsOf: "\(number)".utf8)
            case let number as Float where number.isFinite: bytes.append(contentsOf: "\(number)".utf8)
            case let flag as Bool: bytes.append(contentsOf: (flag ? "true" : "false").utf8)
            default: appendString(convertible.description, to: &bytes)
            }
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                append(element, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .dictionary(let members):
            bytes.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                appendString(key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                append(members[key]!, to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
