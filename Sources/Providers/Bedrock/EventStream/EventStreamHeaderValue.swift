public import NIOCore

/// The typed value of one event-stream message header (type byte in parentheses).
public enum EventStreamHeaderValue: Sendable, Hashable {
    /// `true` (0) or `false` (1).
    case bool(Bool)
    /// (2)
    case byte(Int8)
    /// (3)
    case short(Int16)
    /// (4)
    case integer(Int32)
    /// (5)
    case long(Int64)
    /// (6) up to 65535 bytes.
    case bytes([UInt8])
    /// (7) UTF-8, up to 65535 bytes: `:event-type`, `:message-type`, `:content-type`, `:exception-type`.
    case string(String)
    /// (8) milliseconds since 1970.
    case timestamp(Int64)
    /// (9) 16 bytes.
    case uuid([UInt8])

    /// The text of a ``string(_:)``; nil for other types.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// Writes the type byte and the value (after the header's name).
    func write(to buffer: inout ByteBuffer) {
        switch self {
        case .bool(let value): buffer.writeInteger(UInt8(value ? 0 : 1))
        case .byte(let value): buffer.writeMultipleIntegers(UInt8(2), value)
        case .short(let value): buffer.writeMultipleIntegers(UInt8(3), value)
        case .integer(let value): buffer.writeMultipleIntegers(UInt8(4), value)
        case .long(let value): buffer.writeMultipleIntegers(UInt8(5), value)
        case .bytes(let value):
            buffer.writeMultipleIntegers(UInt8(6), UInt16(clamping: value.count))
            buffer.writeBytes(value.prefix(Int(UInt16.max)))
        case .string(let value):
            let bytes = Array(value.utf8.prefix(Int(UInt16.max)))
            buffer.writeMultipleIntegers(UInt8(7), UInt16(bytes.count))
            buffer.writeBytes(bytes)
        case .timestamp(let value): buffer.writeMultipleIntegers(UInt8(8), value)
        case .uuid(let value):
            buffer.writeInteger(UInt8(9))
            buffer.writeBytes((value + [UInt8](repeating: 0, count: 16)).prefix(16))
        }
    }

    /// Reads the type byte and the value; nil when the bytes are not a valid value.
    static func read(from buffer: inout ByteBuffer) -> EventStreamHeaderValue? {
        guard let type = buffer.readInteger(as: UInt8.self) else { return nil }
        switch type {
        case 0: return .bool(true)
        case 1: return .bool(false)
        case 2: return buffer.readInteger(as: Int8.self).map { .byte($0) }
        case 3: return buffer.readInteger(as: Int16.self).map { .short($0) }
        case 4: return buffer.readInteger(as: Int32.self).map { .integer($0) }
        case 5: return buffer.readInteger(as: Int64.self).map { .long($0) }
        case 6, 7:
            guard let length = buffer.readInteger(as: UInt16.self), let bytes = buffer.readBytes(length: Int(length)) else { return nil }
            guard type == 7 else { return .bytes(bytes) }
            guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
            return .string(text)
        case 8: return buffer.readInteger(as: Int64.self).map { .timestamp($0) }
        case 9: return buffer.readBytes(length: 16).map { .uuid($0) }
        default: return nil
        }
    }
}
