/// Finds where one member of a JSON object's top level lies in the object's text, stepping over the other members'
/// values without building them: what splicing a new value into a body needs (``ClientBody``).
///
/// Meant for text that has already been parsed successfully; anything unexpected (not an object, the member absent
/// or named twice, a key written with an escape, text cut short) gives nil, and the caller falls back to
/// serializing the parsed value.
enum JSONTopLevelMember {
    /// The byte range of the value of the member `name` (an escape-free key) in `bytes`.
    static func valueRange(of name: String, in bytes: UnsafeRawBufferPointer) -> Range<Int>? {
        var scanner = Scanner(bytes: bytes)
        scanner.skipWhitespace()
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        let wanted = Array(name.utf8)
        var found: Range<Int>?
        scanner.skipWhitespace()
        if scanner.take(UInt8(ascii: "}")) { return nil }
        while true {
            scanner.skipWhitespace()
            guard let key = scanner.string(), let keyBytes = scanner.plainContent(of: key) else { return nil }
            scanner.skipWhitespace()
            guard scanner.take(UInt8(ascii: ":")) else { return nil }
            scanner.skipWhitespace()
            guard let value = scanner.value() else { return nil }
            if keyBytes.elementsEqual(wanted) {
                if found != nil { return nil }
                found = value
            }
            scanner.skipWhitespace()
            if scanner.take(UInt8(ascii: ",")) { continue }
            return scanner.take(UInt8(ascii: "}")) ? found : nil
        }
    }

    /// A cursor over JSON text that steps over values.
    private struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard current == byte else { return false }
            index += 1
            return true
        }

        /// Steps over a string; its range, quotes included.
        mutating func string() -> Range<Int>? {
            let start = index
            guard take(UInt8(ascii: "\"")) else { return nil }
            while let byte = current {
                index += 1
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    return start..<index
                }
            }
            return nil
        }

        /// A string's content between its quotes, when it has no escape.
        func plainContent(of range: Range<Int>) -> UnsafeRawBufferPointer.SubSequence? {
            let content = bytes[(range.lowerBound + 1)..<(range.upperBound - 1)]
            return content.contains(UInt8(ascii: "\\")) ? nil : content
        }

        /// Steps over any value; its range.
        mutating func value() -> Range<Int>? {
            let start = index
            switch current {
            case UInt8(ascii: "\""):
                return string()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while let byte = current {
                    if byte == UInt8(ascii: "\"") {
                        guard string() != nil else { return nil }
                        continue
                    }
                    index += 1
                    if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                        depth += 1
                    } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                        depth -= 1
                        if depth == 0 { return start..<index }
                    }
                }
                return nil
            case nil:
                return nil
            default:
                // A number, true, false or null: up to the next delimiter.
                while let byte = current, byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "]"),
                    byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09
                {
                    index += 1
                }
                return index > start ? start..<index : nil
            }
        }
    }
}
