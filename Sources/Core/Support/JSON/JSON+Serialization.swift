extension JSON {
    /// The compact UTF-8 JSON text of this value.
    public func serializedBytes() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(to: &output)
        return output
    }

    /// The compact JSON text of this value.
    public func serializedString() -> String {
        String(decoding: serializedBytes(), as: UTF8.self)
    }

    func write(to output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): Self.writeInt(value, to: &output)
        case .double(let value): Self.writeDouble(value, to: &output)
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                element.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            var first = true
            for (key, value) in members {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                Self.writeString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                value.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeString(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Native strings (small ones too) are contiguous UTF-8: most need no escape and go in with one copy.
        let written: Void? = string.utf8.withContiguousStorageIfAvailable { writeEscaping(UnsafeRawBufferPointer($0), to: &output) }
        if written == nil { writeEscaping(Array(string.utf8), to: &output) }
        output.append(UInt8(ascii: "\""))
    }

    private static func writeEscaping(_ bytes: [UInt8], to output: inout [UInt8]) {
        bytes.withUnsafeBytes { writeEscaping($0, to: &output) }
    }

    /// Copies runs that need no escape whole (``JSONStringScan``), escaping the bytes between them.
    private static func writeEscaping(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        var runStart = 0
        while true {
            let runEnd = JSONStringScan.plainRunEnd(in: bytes, from: runStart)
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<runEnd]))
            guard runEnd < bytes.count else { return }
            appendEscape(of: bytes[runEnd], to: &output)
            runStart = runEnd + 1
        }
    }

    private static func appendEscape(of byte: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        default:
            output.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        }
    }
}
