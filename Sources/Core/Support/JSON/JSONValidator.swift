/// Checks that UTF-8 text is one JSON object, by the grammar ``JSONParser`` accepts, without building it: what a
/// relayed event needs when nothing reads more than a member or two of it (``StreamChunk``).
///
/// It can report the members as it goes (``isObject(_:members:)``), so a caller can find the few it needs in the same
/// pass. No allocation; nesting is capped at ``JSONParser/maximumDepth`` as the parser's is.
public enum JSONValidator {
    /// Called for every object member: its key (the bytes between the quotes, as written, escapes included), the
    /// value's range in the text (a string's quotes included), and its depth: 1 for the top-level object's members, one
    /// more for each object or array around.
    public typealias MemberVisitor = (_ key: UnsafeRawBufferPointer.SubSequence, _ value: Range<Int>, _ depth: Int) -> Void

    /// Whether `bytes` hold exactly one JSON object (whitespace around it allowed).
    /// - Parameter members: called for every member at any depth, in order, while the text is checked (also for the
    ///   members of a text that turns out invalid further on).
    public static func isObject(_ bytes: UnsafeRawBufferPointer, members: MemberVisitor? = nil) -> Bool {
        var cursor = Cursor(bytes: bytes, members: members)
        cursor.skipWhitespace()
        guard cursor.current == UInt8(ascii: "{"), cursor.value(depth: 0) else { return false }
        cursor.skipWhitespace()
        return cursor.index == bytes.count
    }

    /// Whether `text` is exactly one JSON object.
    public static func isObject(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isObject(UnsafeRawBufferPointer($0)) }
    }

    private struct Cursor {
        let bytes: UnsafeRawBufferPointer
        let members: MemberVisitor?
        var index = 0

        init(bytes: UnsafeRawBufferPointer, members: MemberVisitor?) {
            self.bytes = bytes
            self.members = members
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard current == byte else { return false }
            index += 1
            return true
        }

        mutating func value(depth: Int) -> Bool {
            guard let byte = current else { return false }
            switch byte {
            case UInt8(ascii: "{"): return object(depth: depth + 1)
            case UInt8(ascii: "["): return array(depth: depth + 1)
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            default: return false
            }
        }

        mutating func object(depth: Int) -> Bool {
            guard depth <= JSONParser.maximumDepth else { return false }
            index += 1
            skipWhitespace()
            if take(UInt8(ascii: "}")) { return true }
            while true {
                skipWhitespace()
                let keyStart = index
                guard current == UInt8(ascii: "\""), string() else { return false }
                let key = bytes[(keyStart + 1)..<(index - 1)]
                skipWhitespace()
                guard take(UInt8(ascii: ":")) else { return false }
                skipWhitespace()
                let valueStart = index
                guard value(depth: depth) else { return false }
                members?(key, valueStart..<index, depth)
                skipWhitespace()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "}"))
            }
        }

        mutating func array(depth: Int) -> Bool {
            guard depth <= JSONParser.maximumDepth else { return false }
            index += 1
            skipWhitespace()
            if take(UInt8(ascii: "]")) { return true }
            while true {
                skipWhitespace()
                guard value(depth: depth) else { return false }
                skipWhitespace()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "]"))
            }
        }

        /// A string with valid escapes and no control characters; `\u` surrogates must pair, as the parser requires.
        mutating func string() -> Bool {
            index += 1  // opening quote
            while true {
                index = JSONStringScan.plainRunEnd(in: bytes, from: index)
                guard let byte = current else { return false }
                index += 1
                switch byte {
                case UInt8(ascii: "\""): return true
                case UInt8(ascii: "\\"): guard escape() else { return false }
                case 0..<0x20: return false
                default: continue
                }
            }
        }

        mutating func escape() -> Bool {
            guard let byte = current else { return false }
            index += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                UInt8(ascii: "r"), UInt8(ascii: "t"):
                return true
            case UInt8(ascii: "u"):
                guard let code = hex4() else { return false }
                if (0xDC00..<0xE000).contains(code) { return false }
                guard (0xD800..<0xDC00).contains(code) else { return true }
                guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4() else { return false }
                return (0xDC00..<0xE000).contains(low)
            default:
                return false
            }
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        /// `-`, then `0` alone or digits not starting with `0`, then an optional fraction and exponent.
        mutating func number() -> Bool {
            _ = take(UInt8(ascii: "-"))
            guard let first = current, isDigit(first) else { return false }
            index += 1
            if first != UInt8(ascii: "0") { _ = digits() }
            if take(UInt8(ascii: ".")) { guard digits() else { return false } }
            if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
                if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
                guard digits() else { return false }
            }
            return true
        }

        /// One or more digits.
        mutating func digits() -> Bool {
            let start = index
            while let byte = current, isDigit(byte) { index += 1 }
            return index > start
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        mutating func literal(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { return false }
            index += count
            return true
        }
    }
}
